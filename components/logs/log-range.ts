// The viewer's time ranges: presets relative to now, or absolute since/until; turned into the
// stream route's query.
export const RANGE_PRESETS = [
  { value: "tail", label: "Latest lines", seconds: 0 },
  { value: "5m", label: "Last 5 minutes", seconds: 300 },
  { value: "15m", label: "Last 15 minutes", seconds: 900 },
  { value: "1h", label: "Last hour", seconds: 3600 },
  { value: "6h", label: "Last 6 hours", seconds: 6 * 3600 },
  { value: "24h", label: "Last 24 hours", seconds: 24 * 3600 },
  { value: "custom", label: "Custom range…", seconds: 0 },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]["value"];

export interface LogRange {
  preset: RangePreset;
  /** datetime-local values (the browser's time zone), for "custom". */
  since: string;
  until: string;
}

/** Backlog lines asked for with the "latest lines" preset, and with a time range (a cap). */
export const TAIL_LINES = 300;
export const RANGE_MAX_LINES = 5000;

export function rangeQuery(r: LogRange, follow: boolean, now = Date.now()): URLSearchParams {
  const q = new URLSearchParams();
  const preset = RANGE_PRESETS.find((p) => p.value === r.preset);
  if (r.preset === "tail" || !preset) {
    q.set("tail", String(TAIL_LINES));
  } else if (r.preset === "custom") {
    q.set("tail", String(RANGE_MAX_LINES));
    const since = r.since ? new Date(r.since) : null;
    const until = r.until ? new Date(r.until) : null;
    if (since && !Number.isNaN(since.getTime())) q.set("since", since.toISOString());
    if (until && !Number.isNaN(until.getTime())) q.set("until", until.toISOString());
  } else {
    q.set("tail", String(RANGE_MAX_LINES));
    q.set("since", new Date(now - preset.seconds * 1000).toISOString());
  }
  q.set("follow", String(follow && !q.has("until")));
  return q;
}
