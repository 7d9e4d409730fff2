// Server-renders the first-steps surfaces (no browser): the Ingress page greets a new user with a
// setup guide instead of a red "Caddy unreachable", keeps the error for a Caddy that used to work,
// and the overview's checklist shows progress.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { IngressDashboard } from "@/components/ingress/ingress-dashboard";
import { FirstRunChecklist } from "@/components/overview/first-run-checklist";
import { AttentionList } from "@/components/overview/attention-list";
import { RoutesList } from "@/components/routes/routes-list";
import { buildChecklist } from "@/lib/overview";
import type { IngressOverview } from "@/lib/ingress/schemas";

const settings: IngressOverview["settings"] = {
  adminUrl: "http://127.0.0.1:2019", serverName: "homeport", listen: [":443"], httpPort: 80, httpsPort: 443, proxyAddress: null, adminAuthSet: false,
  privateKeyRoutes: 0, status: "unreachable", statusDetail: "connect ECONNREFUSED 127.0.0.1:2019", checkedAt: null, lastAppliedAt: null,
};
const render = (el: React.ReactElement) => renderToString(createElement(AppProviders, { csrfToken: "x", children: el }));

describe("Ingress page for a new user", () => {
  it("shows the setup guide and a calm 'not connected yet', not a red error", () => {
    const html = render(createElement(IngressDashboard, { initial: { settings, caddy: { status: "unreachable", detail: "connect ECONNREFUSED" }, entries: [] }, tunnels: [] }));
    expect(html).toContain("Set up the reverse proxy");
    expect(html).toContain("What Caddy is for.");
    expect(html).toContain("Not set up yet");
    expect(html).not.toContain("Caddy unreachable");
    expect(html).not.toContain("Homeport cannot reach Caddy");
  });

  it("keeps the error for a Caddy that Homeport has applied to before", () => {
    const used = { ...settings, lastAppliedAt: "2026-01-01T00:00:00.000Z" };
    const html = render(createElement(IngressDashboard, { initial: { settings: used, caddy: { status: "unreachable", detail: "connect ECONNREFUSED" }, entries: [] }, tunnels: [] }));
    expect(html).not.toContain("Set up the reverse proxy");
    expect(html).toContain("Caddy unreachable");
    expect(html).toContain("Homeport cannot reach Caddy");
  });
});

describe("overview surfaces", () => {
  it("shows the checklist's progress and links to the next steps", () => {
    const html = render(createElement(FirstRunChecklist, { checklist: buildChecklist({ enrolledHosts: 1, services: 1, dnsProviders: 0, caddyStatus: null, routes: 0, channels: 1 }) }));
    expect(html).toContain("3<!-- --> of <!-- -->6<!-- --> done");
    expect(html).toContain('href="/dns"');
    expect(html).not.toContain('href="/hosts"');
  });

  it("says All clear with only a hint, and leads with the broken item otherwise", () => {
    const hint = { kind: "totp-off" as const, severity: "info" as const, title: "Two-factor sign-in is off for your account", detail: null, href: "/settings", since: null };
    expect(render(createElement(AttentionList, { items: [hint], total: 1 }))).toContain("All clear");
    const down = { kind: "incident" as const, severity: "critical" as const, title: "nas web is down", detail: null, href: "/reachability/checks/c1", since: null };
    const html = render(createElement(AttentionList, { items: [down, hint], total: 2 }));
    expect(html).not.toContain("All clear");
    expect(html).toContain("1 thing is broken");
    expect(html.indexOf("nas web is down")).toBeLessThan(html.indexOf("Two-factor"));
  });
});

describe("empty Routes page", () => {
  it("says that a DNS provider and a reachable Caddy come first, with links, and marks what is done", () => {
    const html = render(createElement(RoutesList, { initial: { items: [], nextCursor: null }, setup: { dnsProviders: 1, caddyStatus: "unreachable" } }));
    expect(html).toContain("No routes yet");
    expect(html).toContain("Two things come first:");
    expect(html).toMatch(/href="\/dns"[^>]*>A DNS provider<\/a> <span class="sr-only">\(done\)/);
    expect(html).toMatch(/href="\/ingress"[^>]*>Caddy, reachable<\/a> <span class="sr-only">\(not done yet\)/);
  });
});
