// Pure helpers of the game-day pages: labels of kinds, sides and statuses, badge tones, the
// countdown text, durations, and the request body the "New game day" form builds.
import type { BadgeTone } from "@/components/ui/badge";
import type { Experiment, GameDayKind, GameDayStatus, Side } from "@/lib/gamedays/schemas";

export const KIND_LABEL: Record<GameDayKind, string> = {
  "internet-down": "Internet down",
  "kill-service": "Service killed",
  "cut-agent": "Agent cut off",
  "stop-dns": "DNS server stopped",
  "stop-tunnel": "Tunnel connector stopped",
  netem: "Latency or loss",
};

export const KIND_HINT: Record<GameDayKind, string> = {
  "internet-down": "The agent drops everything beyond the LAN networks with nftables, both ways, on one host or every agent on the LAN.",
  "kill-service": "The service's container is stopped and started again at the end.",
  "cut-agent": "The agent drops its connection to Homeport and stays away until the end.",
  "stop-dns": "A container serving DNS (e.g. the one answering a LAN zone) is stopped.",
  "stop-tunnel": "The cloudflared container Homeport deployed for a tunnel is stopped.",
  netem: "tc netem adds delay or packet loss to the container's network (only where the kernel has netem).",
};

export const SIDE_LABEL: Record<Side, string> = { up: "up", down: "down", degraded: "degraded", unaffected: "unaffected", "n/a": "—", unknown: "no data" };

export function sideTone(s: Side): BadgeTone {
  if (s === "down") return "danger";
  if (s === "degraded") return "warning";
  if (s === "up" || s === "unaffected") return "success";
  return "neutral";
}

export const STATUS_LABEL: Record<GameDayStatus, string> = { planned: "planned", running: "running", reverting: "reverting", completed: "completed", aborted: "aborted", failed: "failed" };

export function statusTone(s: GameDayStatus): BadgeTone {
  if (s === "running" || s === "reverting") return "warning";
  if (s === "failed") return "danger";
  if (s === "completed") return "success";
  return "neutral";
}

export const isActive = (s: GameDayStatus) => s === "running" || s === "reverting";

/** "4:05" left until the deadline; "0:00" once past; "—" before the clock is known (server render). */
export function countdown(deadlineIso: string | null, now: number | null): string {
  if (!deadlineIso || now === null) return "—";
  const left = Math.max(0, Math.ceil((Date.parse(deadlineIso) - now) / 1000));
  const m = Math.floor(left / 60);
  return `${m}:${String(left % 60).padStart(2, "0")}`;
}

/** 1.5 s, 42 s, 3 min 5 s; "—" for null. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
}

export const DURATION_PRESETS = [
  { sec: 30, label: "30 s" },
  { sec: 60, label: "1 min" },
  { sec: 300, label: "5 min" },
  { sec: 900, label: "15 min" },
  { sec: 3600, label: "1 h" },
] as const;

export interface FormState {
  kind: GameDayKind;
  /** host for internet-down ("" = whole LAN), cut-agent, stop-dns; service for kill-service, netem; tunnel for stop-tunnel. */
  target: string;
  /** stop-dns: the container on the host. */
  container: string;
  delayMs: number;
  lossPct: number;
  durationSec: number;
}

/** The experiment the form describes, or the reason it is not complete yet. */
export function experimentOf(f: FormState): Experiment | string {
  switch (f.kind) {
    case "internet-down":
      return { kind: "internet-down", hostId: f.target || null };
    case "kill-service":
      return f.target ? { kind: "kill-service", serviceId: f.target } : "Pick a service";
    case "cut-agent":
      return f.target ? { kind: "cut-agent", hostId: f.target } : "Pick a host";
    case "stop-dns":
      return f.target && f.container ? { kind: "stop-dns", hostId: f.target, container: f.container } : "Pick the DNS server's container";
    case "stop-tunnel":
      return f.target ? { kind: "stop-tunnel", tunnelId: f.target } : "Pick a tunnel";
    case "netem":
      if (!f.target) return "Pick a service";
      if (f.delayMs <= 0 && f.lossPct <= 0) return "Set a delay or a loss";
      return { kind: "netem", serviceId: f.target, delayMs: f.delayMs, jitterMs: 0, lossPct: f.lossPct };
  }
}

/** 90 → "1 min 30 s". */
export function formatDuration(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}
