// The first-run checklist: each step done from the database's facts, progress counted, complete at six.
import { describe, expect, it } from "vitest";
import { buildChecklist, type ChecklistFacts } from "./checklist";

const none: ChecklistFacts = { enrolledHosts: 0, services: 0, dnsProviders: 0, caddyStatus: null, routes: 0, channels: 0 };

describe("buildChecklist", () => {
  it("starts at 0 of 6 in the order host → service → DNS → proxy → route → notifications, each with a link", () => {
    const c = buildChecklist(none);
    expect(c.steps.map((s) => s.id)).toEqual(["host", "service", "dns", "proxy", "route", "notifications"]);
    expect(c).toMatchObject({ done: 0, total: 6, complete: false });
    expect(c.steps.map((s) => s.href)).toEqual(["/hosts", "/services/new", "/dns", "/ingress", "/routes/new", "/reachability/notifications"]);
  });

  it("counts what is done; the proxy step only once Caddy answered", () => {
    const c = buildChecklist({ ...none, enrolledHosts: 1, services: 2, caddyStatus: "unreachable" });
    expect(c.done).toBe(2);
    expect(c.steps.find((s) => s.id === "proxy")!.done).toBe(false);
    expect(buildChecklist({ ...none, caddyStatus: "ok" }).steps.find((s) => s.id === "proxy")!.done).toBe(true);
  });

  it("is complete when every step is done", () => {
    const c = buildChecklist({ enrolledHosts: 1, services: 1, dnsProviders: 1, caddyStatus: "ok", routes: 1, channels: 1 });
    expect(c).toMatchObject({ done: 6, complete: true });
  });
});
