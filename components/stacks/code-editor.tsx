// A plain-text editor for a Compose file or a .env: a monospace textarea with line numbers (lines
// with a problem marked), an "Upload" button for a file from disk, and goToLine() so a problem in
// the list can put the caret on its line. Lines do not wrap; long ones scroll inside the editor.
"use client";

import { forwardRef, memo, useImperativeHandle, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { lineOffset } from "./stack-model";

/** Line height of the gutter and the textarea (Tailwind leading-5), to scroll a line into view. */
const LINE_PX = 20;

/** The line numbers, redrawn only when the count or the marked lines change (not on every keystroke). */
const Gutter = memo(function Gutter({ lines, marked }: { lines: number; marked: string }) {
  const bad = new Set(marked.split(",").map(Number));
  return Array.from({ length: lines }, (_, i) => (
    <div key={i} className={bad.has(i + 1) ? "font-semibold text-red-600 dark:text-red-400" : undefined}>
      {i + 1}
    </div>
  ));
});

export interface CodeEditorHandle {
  goToLine(line: number): void;
}

interface Props {
  id: string;
  value: string;
  onChange: (text: string) => void;
  /** The accessible name of the textarea (also shown by the caller's label). */
  labelledBy: string;
  describedBy?: string;
  errorLines?: number[];
  rows?: number;
  placeholder?: string;
  /** Upload: the button's words, what it accepts, and the largest file taken. */
  upload: { label: string; accept: string; maxBytes: number };
  readOnly?: boolean;
}

export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor(
  { id, value, onChange, labelledBy, describedBy, errorLines = [], rows = 16, placeholder, upload, readOnly },
  ref,
) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const lines = value.split("\n").length;

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const el = area.current;
      if (!el) return;
      const at = lineOffset(el.value, line);
      el.focus();
      el.setSelectionRange(at, at);
      el.scrollTop = Math.max(0, (line - 1) * LINE_PX - el.clientHeight / 3);
    },
  }));

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > upload.maxBytes) {
      setUploadError(`${file.name} is larger than ${Math.round(upload.maxBytes / 1024)} KiB`);
      return;
    }
    setUploadError(null);
    onChange(await file.text());
  };

  return (
    <div className="space-y-2">
      <div className="flex min-w-0 overflow-hidden rounded-lg border border-zinc-300 bg-white shadow-sm focus-within:outline-2 focus-within:-outline-offset-1 focus-within:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950">
        <div
          ref={gutter}
          aria-hidden="true"
          className="shrink-0 overflow-hidden border-r border-zinc-200 bg-zinc-50 py-2 pr-2 pl-3 text-right font-mono text-xs leading-5 text-zinc-400 select-none dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-500"
          style={{ height: rows * LINE_PX + 16 }}
        >
          <Gutter lines={lines} marked={[...new Set(errorLines)].sort((a, b) => a - b).join(",")} />
        </div>
        <textarea
          ref={area}
          id={id}
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          aria-invalid={errorLines.length > 0 || undefined}
          value={value}
          readOnly={readOnly}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          className="block min-w-0 flex-1 resize-none overflow-auto bg-transparent px-3 py-2 font-mono text-xs leading-5 text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100 dark:placeholder:text-zinc-600"
          style={{ height: rows * LINE_PX + 16 }}
        />
      </div>
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-3">
          <label
            className={cn(
              "inline-flex h-8 cursor-pointer items-center rounded-lg border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
            )}
          >
            <input type="file" accept={upload.accept} className="sr-only" onChange={(e) => void onFile(e)} />
            {upload.label}
          </label>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {lines} line{lines === 1 ? "" : "s"}
          </span>
          {uploadError && (
            <span role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
              {uploadError}
            </span>
          )}
        </div>
      )}
    </div>
  );
});
