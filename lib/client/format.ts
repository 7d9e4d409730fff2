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
