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

/**
 * What an audited action did, in words for people ("service.deploy" → "Deployed service"). Every
 * action the code records has one (format.test.ts greps lib/ for them); the object, when known,
 * follows: "Deployed service web".
 */
const ACTION_LABELS: Record<string, string> = {
  // accounts and sessions
  "auth.setup": "Created the admin account",
  "auth.setup.denied": "Refused a second setup",
  "auth.login": "Signed in",
  "auth.login.failed": "Failed to sign in",
  "auth.logout": "Signed out",
  "auth.logout_all": "Signed out everywhere",
  "auth.password.change": "Changed their password",
  "auth.totp.enable": "Turned on two-factor",
  "auth.totp.disable": "Turned off two-factor",
  "user.create": "Added user",
  "user.delete": "Removed user",
  "user.update": "Changed user",
  "user.role.change": "Changed the role of",
  "user.password.reset": "Reset the password of",
  "user.totp.reset": "Reset two-factor of",
  "token.create": "Created API token",
  "token.revoke": "Revoked API token",
  "settings.update": "Changed settings",
  // services, stacks, containers
  "service.create": "Created service",
  "service.update": "Changed service",
  "service.delete": "Deleted service",
  "service.deploy": "Deployed service",
  "service.scale": "Scaled Swarm service",
  "service.swarm": "Changed Swarm settings",
  // proving ground
  "exposure.scan": "Ran an exposure scan",
  "gameday.start": "Started a game day",
  "gameday.abort": "Aborted a game day",
  "gameday.end": "Ended a game day",
  "firewall.apply": "Applied firewall rules",
  "firewall.confirm": "Confirmed firewall rules",
  "firewall.revert": "Reverted firewall rules",
  "image.update": "Applied an image update",
  "images.check": "Checked registries for image updates",
  "service.start": "Started service",
  "service.stop": "Stopped service",
  "service.restart": "Restarted service",
  "service.console.open": "Opened a console in service",
  "service.console.close": "Closed a console in service",
  "service.remove": "Removed the container of service",
  "service.exec": "Opened a console in service",
  "container.adopt": "Adopted container",
  "container.remove": "Removed orphaned container",
  "container.exec": "Opened a console in container",
  "console.open": "Opened a console in",
  "console.exec": "Ran a console session in",
  "stack.create": "Created stack",
  "stack.update": "Changed stack",
  "stack.delete": "Removed stack",
  "stack.apply": "Applied stack",
  "stack.start": "Started stack",
  "stack.stop": "Stopped stack",
  "stack.restart": "Restarted stack",
  "stack.rollback": "Rolled back stack",
  "catalog.install": "Installed an app as stack",
  "catalog.install.complete": "Routed and started the checks of the new stack",
  // hosts and agents
  "host.enroll": "Enrolled host",
  "host.enroll.refused": "Refused an enrollment",
  "host.update": "Changed host",
  "host.revoke": "Revoked host",
  "host.remove": "Removed host",
  "enrollment.create": "Created an enrollment token for",
  "enrollment.delete": "Withdrew the enrollment token for",
  "agent.connect.refused": "Refused an agent connection",
  // routes, DNS, proxy, tunnel
  "route.create": "Created route",
  "route.update": "Changed route",
  "route.delete": "Deleted route",
  "route.apply": "Applied route",
  "route.cleanup": "Cleaned up after route",
  "drill.run": "Ran the drill",
  "dns.apply": "Applied DNS records",
  "dns.provider.create": "Added DNS provider",
  "dns.provider.update": "Changed DNS provider",
  "dns.provider.delete": "Removed DNS provider",
  "dns.zone.create": "Added DNS zone",
  "dns.zone.update": "Changed DNS zone",
  "dns.zone.delete": "Removed DNS zone",
  "ingress.apply": "Applied the proxy configuration",
  "ingress.settings.update": "Changed proxy settings",
  "ingress.tls.update": "Changed proxy TLS settings",
  "tunnel.create": "Added tunnel",
  "tunnel.update": "Changed tunnel",
  "tunnel.delete": "Removed tunnel",
  "tunnel.apply": "Applied tunnel",
  "tunnel.cloudflared.deploy": "Deployed the tunnel connector",
  "edge.kept": "Kept an edge entry",
  // checks, incidents, notifications, status pages
  "check.create": "Created check",
  "check.update": "Changed check",
  "check.delete": "Deleted check",
  "check.bulk_create": "Created checks",
  "check.pause": "Paused check",
  "check.resume": "Resumed check",
  "check.push_token.rotate": "Rotated the push URL of check",
  "incident.acknowledge": "Acknowledged incident",
  "maintenance.create": "Scheduled maintenance",
  "maintenance.update": "Changed maintenance",
  "maintenance.delete": "Removed maintenance",
  "notification_channel.create": "Added notification channel",
  "notification_channel.update": "Changed notification channel",
  "notification_channel.delete": "Removed notification channel",
  "notification_channel.test": "Tested notification channel",
  "status_page.create": "Created status page",
  "status_page.update": "Changed status page",
  "status_page.delete": "Deleted status page",
  // the audit trail's own bookkeeping
  "folded.recent": "Repeated refusals (folded)",
  "folded.old": "Older refusals (folded)",
};

/** Known actions' words; an unknown one reads as its words ("dns.zone.update" → "Dns zone update"), never as a code. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether an action has words of its own (the test of the labels map). */
export const hasActionLabel = (action: string): boolean => action in ACTION_LABELS;

/** "Deployed service web": the action's words and, when known, what it was done to. */
export function actionSentence(action: string, name?: string | null): string {
  const label = actionLabel(action);
  return name ? `${label} ${name}` : label;
}

/** Where an audit target lives in the UI, if it still has a page. */
export function targetHref(targetType: string | null, targetId: string | null, action: string): string | null {
  if (!targetId || action.endsWith(".delete")) return null;
  if (targetType === "service") return `/services/${targetId}`;
  if (targetType === "route") return `/routes/${targetId}`;
  return null;
}
