// Formatting helpers shared by server and client components.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 minutes ago", "in 2 days", "just now". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), "minute");
}

/** "45 s", "12 min", "2 h", "3 d": how long since `iso` (uptime), short. */
export function shortDuration(iso: string, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** "512 B", "48.2 MiB", "1.5 GiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** "0.3 %", "12 %": a CPU share of one core. */
export function formatPercent(p: number): string {
  return p < 10 ? `${p.toFixed(1)} %` : `${Math.round(p)} %`;
}

/** A fixed, timezone-explicit format (UTC), identical on server and client. */
export function utcTime(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** Turns "service.create" into "Service created"-like words for people. */
const ACTION_LABELS: Record<string, string> = {
  "auth.setup": "Created the admin account",
  "auth.setup.denied": "Setup attempt refused",
  "auth.login": "Signed in",
  "auth.login.failed": "Failed sign-in",
  "auth.logout": "Signed out",
  "auth.logout_all": "Signed out everywhere",
  "auth.password.change": "Changed password",
  "auth.totp.enable": "Turned on two-factor",
  "auth.totp.disable": "Turned off two-factor",
  "service.create": "Created service",
  "service.update": "Updated service",
  "service.delete": "Deleted service",
  "route.create": "Created route",
  "route.update": "Updated route",
  "route.delete": "Deleted route",
  "token.create": "Created API token",
  "token.revoke": "Revoked API token",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Where an audit target lives in the UI, if it still has a page. */
export function targetHref(targetType: string | null, targetId: string | null, action: string): string | null {
  if (!targetId || action.endsWith(".delete")) return null;
  if (targetType === "service") return `/services/${targetId}`;
  if (targetType === "route") return `/routes/${targetId}`;
  return null;
}
