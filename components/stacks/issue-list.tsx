// A Compose file's problems (or warnings), each with its line and key: a problem with a line is a
// button that puts the caret on that line of the editor it belongs to (the Compose file or the .env).
"use client";

import { issueEditor, issueKey, type StackIssue } from "./stack-model";

export type GoToLine = (editor: "compose" | "env", line: number) => void;

export function IssueList({ issues, kind, onGoTo, label }: { issues: StackIssue[]; kind: "error" | "warning"; onGoTo?: GoToLine; label: string }) {
  if (issues.length === 0) return null;
  const tone =
    kind === "error"
      ? "divide-red-200 border-red-200 bg-red-50 text-red-900 dark:divide-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100"
      : "divide-amber-200 border-amber-200 bg-amber-50 text-amber-900 dark:divide-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100";
  return (
    <ul aria-label={label} className={`divide-y rounded-lg border text-sm ${tone}`}>
      {issues.map((issue, i) => {
        const editor = issueEditor(issue);
        const key = issueKey(issue);
        const where = issue.line !== null ? `${editor === "env" ? ".env line" : "Line"} ${issue.line}` : editor === "env" ? ".env" : null;
        return (
          <li key={i} data-testid={kind === "error" ? "stack-error" : "stack-warning"} data-line={issue.line ?? ""} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
            {where &&
              (issue.line !== null && onGoTo ? (
                <button
                  type="button"
                  onClick={() => onGoTo(editor, issue.line!)}
                  className="shrink-0 rounded font-mono text-xs font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
                  aria-label={`${where}: go to the line`}
                >
                  {where}
                </button>
              ) : (
                <span className="shrink-0 font-mono text-xs font-semibold">{where}</span>
              ))}
            <span className="min-w-0 break-words">
              {key && <code className="mr-1 font-mono text-xs break-all">{key}:</code>}
              {issue.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
