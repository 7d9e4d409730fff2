// The first-run checklist: host → service → DNS → reverse proxy → route → notifications, each step
// done or not from what the database holds, with where to do it.
import type { Checklist, ChecklistStep, ChecklistStepId } from "./schemas";

export interface ChecklistFacts {
  /** Hosts whose agent has enrolled (and is not revoked). */
  enrolledHosts: number;
  services: number;
  dnsProviders: number;
  /** Caddy's last known status (ok | unreachable | rejected | unknown), or null when never configured. */
  caddyStatus: string | null;
  routes: number;
  channels: number;
}

const STEPS: { id: ChecklistStepId; title: string; text: string; href: string; cta: string; done: (f: ChecklistFacts) => boolean }[] = [
  { id: "host", title: "Connect a host", text: "Run the agent on a Docker host; it dials out to Homeport.", href: "/hosts", cta: "Add a host", done: (f) => f.enrolledHosts > 0 },
  { id: "service", title: "Describe your first service", text: "The image, ports and volumes of a container you run.", href: "/services/new", cta: "New service", done: (f) => f.services > 0 },
  { id: "dns", title: "Add a DNS provider", text: "Where Homeport writes your hostnames' records (Pi-hole, AdGuard, Cloudflare…).", href: "/dns", cta: "Set up DNS", done: (f) => f.dnsProviders > 0 },
  { id: "proxy", title: "Point Homeport at Caddy", text: "The reverse proxy that answers for your hostnames, reached through its admin API.", href: "/ingress", cta: "Set up the proxy", done: (f) => f.caddyStatus === "ok" },
  { id: "route", title: "Give a service a hostname", text: "One route: the same URL at home and away.", href: "/routes/new", cta: "New route", done: (f) => f.routes > 0 },
  { id: "notifications", title: "Get notified", text: "A channel (ntfy, e-mail, webhook…) for when something goes down.", href: "/reachability/notifications", cta: "Add a channel", done: (f) => f.channels > 0 },
];

export function buildChecklist(f: ChecklistFacts): Checklist {
  const steps: ChecklistStep[] = STEPS.map(({ done, ...s }) => ({ ...s, done: done(f) }));
  const done = steps.filter((s) => s.done).length;
  return { steps, done, total: steps.length, complete: done === steps.length };
}
