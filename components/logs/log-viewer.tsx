// The log viewer (Dozzle is the bar): follows new lines as Docker emits them and sticks to the
// bottom until the reader scrolls up ("jump to latest" brings it back); time ranges (presets or
// absolute), timestamps and wrap toggles, search with highlighting and next/previous, stdout and
// stderr told apart, each source tagged in a stable colour, download of what is shown or of the
// range. Keyboard: "/" searches, Enter / Shift+Enter walk the matches, End jumps to the latest.
"use client";

import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { LogLineRow } from "./log-lines-view";
import { RANGE_PRESETS, rangeQuery, type LogRange, type RangePreset } from "./log-range";
import { MAX_VIEW_LINES, useLogStream, type ViewLine } from "./use-log-stream";

/** Pixels from the bottom within which the pane counts as "at the bottom". */
const STICK_SLACK_PX = 24;

export interface LogViewerProps {
  /** The stream route, e.g. /api/v1/services/<id>/logs/stream. */
  streamUrl: string;
  /** Extra query (a stack's ?service=). */
  extraQuery?: Record<string, string>;
  /** Name for downloads. */
  name: string;
  /** Tag lines with their source always (stacks), or only when there are several (a service mid-rollout). */
  tagSources: "always" | "several";
  testId: string;
  /** Controls placed first in the toolbar (a stack's service picker). */
  leading?: React.ReactNode;
  /** Bumped when a container of the source started (a deploy, a rollout temp): the stream reopens to include it. */
  epoch?: number;
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function LogViewer({ streamUrl, extraQuery, name, tagSources, testId, leading, epoch = 0 }: LogViewerProps) {
  const ids = useId();
  const [follow, setFollow] = useState(true);
  const [range, setRange] = useState<LogRange>({ preset: "tail", since: "", until: "" });
  const [timestamps, setTimestamps] = useState(true);
  const [wrap, setWrap] = useState(true);
  const [search, setSearch] = useState("");
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [current, setCurrent] = useState(0);
  const [sticky, setSticky] = useState(true);
  const pane = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const extra = JSON.stringify(extraQuery ?? {});
  const query = useMemo(() => {
    const q = rangeQuery(range, follow);
    for (const [k, v] of Object.entries(JSON.parse(extra) as Record<string, string>)) q.set(k, v);
    return q;
  }, [range, follow, extra]);
  const url = range.preset === "custom" && !range.since && !range.until ? null : `${streamUrl}?${query}`;
  const s = useLogStream(url, epoch);

  const needle = search.trim().toLowerCase();
  const tag = tagSources === "always" || s.sources.length > 1;
  const labelOf = (l: ViewLine) => (tag && l.src >= 0 ? (s.sources[l.src]?.label ?? null) : null);
  const matches = useMemo(() => (needle ? s.lines.filter((l) => l.kind === "line" && l.text.toLowerCase().includes(needle)).map((l) => l.id) : []), [s.lines, needle]);
  const shown = useMemo(() => {
    if (!onlyMatches || !needle) return s.lines;
    const hit = new Set(matches);
    return s.lines.filter((l) => l.kind === "note" || hit.has(l.id));
  }, [s.lines, matches, onlyMatches, needle]);
  const currentId = matches.length > 0 ? matches[Math.min(current, matches.length - 1)] : undefined;

  // Stick to the bottom while following and the reader has not scrolled up.
  useLayoutEffect(() => {
    const el = pane.current;
    if (el && sticky) el.scrollTop = el.scrollHeight;
  }, [shown, sticky, wrap, timestamps]);

  const onScroll = () => {
    const el = pane.current;
    if (!el) return;
    setSticky(el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_SLACK_PX);
  };
  const jumpToLatest = () => {
    setSticky(true);
    const el = pane.current;
    if (el) el.scrollTop = el.scrollHeight;
  };
  const go = (step: 1 | -1) => {
    if (matches.length === 0) return;
    const next = (Math.min(current, matches.length - 1) + step + matches.length) % matches.length;
    setCurrent(next);
    setSticky(false);
    requestAnimationFrame(() => pane.current?.querySelector(`[data-line-id="${matches[next]}"]`)?.scrollIntoView({ block: "center" }));
  };
  const text = () =>
    shown.map((l) => (l.kind === "note" ? l.text : `${l.at ?? "-"} ${labelOf(l) ? `${labelOf(l)} ` : ""}${l.stream} ${l.text}`)).join("\n") + "\n";
  const rangeHref = `${streamUrl}?${(() => {
    const q = new URLSearchParams(query);
    q.set("format", "text");
    q.set("follow", "false");
    return q;
  })()}`;

  const live = s.status === "live" && follow && range.preset !== "custom";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Log controls">
        {leading}
        <label htmlFor={`${ids}-range`} className="sr-only">Time range</label>
        <div className="shrink-0">
          <Select id={`${ids}-range`} value={range.preset} onChange={(e) => setRange((r) => ({ ...r, preset: e.target.value as RangePreset }))} className="h-8">
            {RANGE_PRESETS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </Select>
        </div>
        {range.preset === "custom" && (
          <>
            <Input type="datetime-local" aria-label="From" value={range.since} onChange={(e) => setRange((r) => ({ ...r, since: e.target.value }))} className="h-8 w-auto" />
            <Input type="datetime-local" aria-label="Until" value={range.until} onChange={(e) => setRange((r) => ({ ...r, until: e.target.value }))} className="h-8 w-auto" />
          </>
        )}
        <Button size="sm" variant={follow ? "primary" : "secondary"} aria-pressed={follow} onClick={() => setFollow((f) => !f)} disabled={range.preset === "custom" && !!range.until}>
          {follow ? "Following" : "Follow"}
        </Button>
        <Button size="sm" variant="secondary" aria-pressed={timestamps} onClick={() => setTimestamps((t) => !t)}>Timestamps</Button>
        <Button size="sm" variant="secondary" aria-pressed={wrap} onClick={() => setWrap((w) => !w)}>Wrap</Button>
        <div className="flex w-full min-w-0 items-center gap-1 sm:w-auto">
          <Input
            ref={searchBox}
            type="search"
            aria-label="Search the logs"
            placeholder="Search… ( / )"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setCurrent(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                go(e.shiftKey ? -1 : 1);
              }
            }}
            className="h-8 min-w-0 flex-1 sm:w-44 sm:flex-none"
          />
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400" aria-live="polite" data-testid="log-match-count">
            {needle ? `${matches.length ? Math.min(current, matches.length - 1) + 1 : 0}/${matches.length}` : ""}
          </span>
          <Button size="sm" variant="ghost" aria-label="Previous match" onClick={() => go(-1)} disabled={matches.length === 0}>↑</Button>
          <Button size="sm" variant="ghost" aria-label="Next match" onClick={() => go(1)} disabled={matches.length === 0}>↓</Button>
        </div>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} /> only matches
        </label>
        <Button size="sm" variant="secondary" onClick={() => download(`${name}-logs.txt`, text())} disabled={shown.length === 0}>Download shown</Button>
        <a href={rangeHref} download className="text-sm text-indigo-600 underline-offset-2 hover:underline dark:text-indigo-400">Download range</a>
      </div>
      {s.error && <Alert tone="info">{s.error}</Alert>}
      {s.missing.map((m) => <Alert key={m.label} tone="info">{m.label}: {m.reason}</Alert>)}
      <div className="relative">
        <div
          ref={pane}
          onScroll={onScroll}
          onKeyDown={(e) => {
            if (e.key === "/") {
              e.preventDefault();
              searchBox.current?.focus();
            } else if (e.key === "End") jumpToLatest();
          }}
          tabIndex={0}
          role="log"
          aria-label={`Log lines of ${name}`}
          data-testid={testId}
          data-sticky={sticky}
          data-status={s.status}
          className={cn("h-[60vh] max-h-[32rem] min-h-64 overflow-auto rounded-md bg-zinc-950 p-2 font-mono text-xs leading-5 text-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500", wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre")}
        >
          {s.trimmed > 0 && <div className="text-zinc-500 italic">… {s.trimmed} older line(s) let go (the viewer keeps the latest {MAX_VIEW_LINES})</div>}
          {shown.map((l) => (
            <div key={l.id} data-line-id={l.id}>
              <LogLineRow line={l} label={labelOf(l)} needle={needle} current={l.id === currentId} timestamps={timestamps} />
            </div>
          ))}
          {s.status !== "connecting" && s.lines.length === 0 && <span className="text-zinc-400">{live ? "No output yet; new lines appear here." : "No lines in this range."}</span>}
          {s.status === "connecting" && url && <span className="text-zinc-400">Connecting…</span>}
          {!url && <span className="text-zinc-400">Pick a start or an end for the range.</span>}
        </div>
        {!sticky && (
          <Button size="sm" className="absolute right-3 bottom-3 shadow-lg" onClick={jumpToLatest}>
            Jump to latest ↓
          </Button>
        )}
      </div>
      <p className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400" data-testid="log-status">
        <span className={cn("inline-block size-2 rounded-full", live ? "animate-pulse bg-emerald-500" : s.status === "error" ? "bg-red-500" : "bg-zinc-400")} aria-hidden />
        {live ? (sticky ? "Live: following new lines" : "Live: paused at your position (scroll to the bottom or press End to follow)") : s.status === "connecting" ? "Connecting…" : "Not following"}
        {" · "}
        {s.lines.filter((l) => l.kind === "line").length} line(s)
      </p>
    </div>
  );
}
