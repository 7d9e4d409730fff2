// The log pane's lines: optional timestamp, the source's tag in a stable colour, the text with the
// search's matches highlighted (React text nodes: nothing in a log is ever rendered as HTML);
// stderr in red with a marker, notes (dropped lines, ends) set apart.
"use client";

import { memo } from "react";
import { cn } from "@/components/ui/cn";
import type { ViewLine } from "./use-log-stream";

const TAG_COLOURS = ["text-sky-300", "text-emerald-300", "text-amber-300", "text-fuchsia-300", "text-cyan-300", "text-lime-300", "text-orange-300", "text-violet-300"];

/** The same label always gets the same colour (a string hash, not an index). */
export function tagColour(label: string): string {
  let h = 0;
  for (let i = 0; i < label.length; i++) h = (h * 31 + label.charCodeAt(i)) | 0;
  return TAG_COLOURS[Math.abs(h) % TAG_COLOURS.length]!;
}

function Highlighted({ text, needle, current }: { text: string; needle: string; current: boolean }) {
  if (!needle) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(
      <mark key={i} data-testid="log-match" className={cn("rounded-sm px-0.5 text-zinc-950", current ? "bg-orange-400" : "bg-yellow-300")}>
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const time = (at: string) => {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : `${d.toLocaleDateString(undefined, { month: "short", day: "2-digit" })} ${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, "0")}`;
};

interface Props {
  line: ViewLine;
  label: string | null;
  needle: string;
  current: boolean;
  timestamps: boolean;
}

export const LogLineRow = memo(function LogLineRow({ line, label, needle, current, timestamps }: Props) {
  if (line.kind === "note") {
    return (
      <div data-testid="log-note" role="note" className={cn("my-0.5 border-l-2 pl-2 italic", line.tone === "warn" ? "border-amber-400 text-amber-200" : "border-zinc-500 text-zinc-400")}>
        {line.text}
      </div>
    );
  }
  const err = line.stream === "stderr";
  return (
    <div data-testid="log-line" data-stream={line.stream} data-current={current || undefined} className={cn("border-l-2 pl-2", err ? "border-red-500/70 text-red-300" : "border-transparent", current && "bg-white/10")}>
      {timestamps && line.at && (
        <span className="mr-2 text-zinc-500 select-none" title={line.at}>
          {time(line.at)}
        </span>
      )}
      {label !== null && <span className={cn("mr-1 font-semibold", tagColour(label))}>{label}</span>}{" "}
      {err && <span className="sr-only">stderr: </span>}
      <Highlighted text={line.text} needle={needle} current={current} />
    </div>
  );
});
