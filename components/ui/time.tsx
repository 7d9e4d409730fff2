// A timestamp shown as "5 minutes ago" with the exact time on hover. The server renders UTC;
// the browser switches to relative, local wording after hydration (no mismatch).
"use client";

import { useSyncExternalStore } from "react";
import { relativeTime, utcTime } from "@/lib/client/format";

const noop = () => () => undefined;

export function Time({ iso, className }: { iso: string; className?: string }) {
  const inBrowser = useSyncExternalStore(noop, () => true, () => false);
  const title = inBrowser ? new Date(iso).toLocaleString() : utcTime(iso);
  return (
    <time dateTime={iso} title={title} className={className}>
      {inBrowser ? relativeTime(iso) : utcTime(iso)}
    </time>
  );
}
