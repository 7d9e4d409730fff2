// Server-renders the route page's live part, the wizard's plan and the drill page (no browser):
// the names and data attributes the browser tests rely on are on the page.
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RouteLive, pollInterval, FAST_POLL_MS, SLOW_POLL_MS } from "@/components/routes/route-live";
import { RoutePlanCard } from "@/components/routes/route-parts";
import { DrillReportView } from "@/components/routes/drill-report";
import type { RoutePlanView, RouteStatusView } from "@/lib/routes/schemas";

// Rendered as an operator unless told (write controls are hidden from viewers, see components/auth/role-context).
const render = (el: ReturnType<typeof createElement>, role: UserRole = "operator") =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: el }) }));

const status: RouteStatusView = {
  parts: [
    { part: "lan-dns", status: "ok", message: "app.home.example A 192.0.2.10 in zone home.example at bind", attempts: 0, lastAttemptAt: "2026-01-01T00:00:00.000Z", nextAttemptAt: null, appliedAt: "2026-01-01T00:00:00.000Z" },
    { part: "proxy", status: "failed", message: "Caddy unreachable: connection refused", attempts: 2, lastAttemptAt: "2026-01-01T00:00:00.000Z", nextAttemptAt: "2026-01-01T00:00:10.000Z", appliedAt: null },
    { part: "tunnel", status: "skipped", message: "LAN only: not carried through a tunnel", attempts: 0, lastAttemptAt: "2026-01-01T00:00:00.000Z", nextAttemptAt: null, appliedAt: null },
    { part: "public-dns", status: "skipped", message: "LAN only: nothing is published on the internet", attempts: 0, lastAttemptAt: "2026-01-01T00:00:00.000Z", nextAttemptAt: null, appliedAt: null },
  ],
  verdicts: {
    sameUrl: { status: "not-applicable", reason: "LAN-only route: only the LAN side is required, and it passes (home)" },
    worksOffline: { status: "fail", reason: "the reverse-proxy entry is failed: Caddy unreachable" },
    exposureMatchesIntent: { status: "pass", reason: "not reachable from away (vps), reachable at home" },
  },
  sides: {
    lan: { expectation: "reachable", status: "up", vantages: [{ id: "home", name: "home", kind: "lan", status: "up", errorClass: null, message: null, latencyMs: 12, fingerprint: "r1", lastAt: null }] },
    remote: { expectation: "unreachable", status: "up", vantages: [{ id: "vps", name: "vps", kind: "remote", status: "up", errorClass: "timeout", message: "no answer within 10000 ms", latencyMs: null, fingerprint: null, lastAt: null }] },
  },
};

describe("route page", () => {
  it("shows each part with its status and reason, the verdicts and both sides with their attributes", () => {
    const html = render(createElement(RouteLive, { routeId: "r1", exposure: "lan", updatedAt: "2025-12-31T00:00:00.000Z", initial: status }));
    expect(html).toContain('data-testid="route-part-proxy" data-status="failed"');
    expect(html).toContain('data-testid="route-part-lan-dns" data-status="ok"');
    expect(html).toContain("Caddy unreachable: connection refused");
    expect(html).toContain('data-testid="verdict-sameUrl" data-status="not-applicable"');
    expect(html).toContain('data-testid="verdict-worksOffline" data-status="fail"');
    expect(html).toContain('data-testid="verdict-exposureMatchesIntent" data-status="pass"');
    expect(html).toMatch(/data-testid="side-lan" data-status="up"/);
    expect(html).toMatch(/data-testid="side-remote" data-status="up" data-expectation="unreachable"/);
    expect(html).toContain("Apply now");
    expect(html).not.toContain("Changed since the last apply");
  });
  it("says when the route was edited after its last apply", () => {
    const html = render(createElement(RouteLive, { routeId: "r1", exposure: "lan", updatedAt: "2026-02-01T00:00:00.000Z", initial: status }));
    expect(html).toContain("Changed since the last apply");
  });
  it("polls fast while a verdict or part is pending, slowly otherwise", () => {
    expect(pollInterval(status)).toBe(SLOW_POLL_MS);
    expect(pollInterval({ ...status, verdicts: { ...status.verdicts, sameUrl: { status: "pending", reason: "" } } })).toBe(FAST_POLL_MS);
    expect(pollInterval({ ...status, parts: status.parts.map((p) => ({ ...p, status: "pending" as const })) })).toBe(FAST_POLL_MS);
  });
});

describe("plan and drill", () => {
  it("renders the plan of every part and the checks", () => {
    const plan: RoutePlanView = {
      route: { id: null, hostname: "app.home.example", exposure: "both", target: "web:80" },
      parts: [
        { part: "lan-dns", action: "create", summary: "app.home.example A 192.0.2.10 in zone home.example at bind", reason: null, details: { zone: "home.example" }, status: null },
        { part: "proxy", action: "create", summary: "app.home.example → http://192.0.2.20:8080 (TLS: Caddy's internal CA)", reason: null, details: {}, status: null },
        { part: "tunnel", action: "skip", summary: "No tunnel rule", reason: "no tunnel to carry app.home.example — add one under Ingress", details: {}, status: null },
        { part: "public-dns", action: "skip", summary: "No public record", reason: "no public zone covers app.home.example — add one under DNS", details: {}, status: null },
      ],
      checks: [{ sourceKey: "route:<new>", name: "app.home.example", type: "https", url: "https://app.home.example/", vantages: [], expectation: "reachable", verifies: "the URL answers" }],
    };
    const html = render(createElement(RoutePlanCard, { plan, title: "Review plan" }));
    expect(html).toContain('data-testid="plan-part-tunnel" data-action="skip"');
    expect(html).toContain("no public zone covers app.home.example — add one under DNS");
    expect(html).toContain("https://app.home.example/");
  });
  it("the drill page starts empty with a Run drill button", () => {
    const html = render(createElement(DrillReportView));
    expect(html).toContain("Run drill");
    expect(html).toContain("No drill yet");
    expect(render(createElement(DrillReportView), "viewer")).not.toContain("Run drill");
  });
});
