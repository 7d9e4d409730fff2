// The reachability components render what a user must see (server-side render, no browser):
// the matrix's amber row with the remote cell's error class, uptime percentages, incidents.
import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { CsrfTokenProvider } from "@/lib/client/api";
import { ToastProvider } from "@/components/ui/toast";
import { ReachabilityMatrix } from "@/components/reachability/matrix";
import { CheckCharts } from "@/components/reachability/check-charts";
import { IncidentList } from "@/components/reachability/incident-list";
import { NotificationChannels } from "@/components/reachability/channels";
import type { Matrix } from "@/lib/probes/queries";

function render(node: React.ReactElement): string {
  const qc = new QueryClient();
  // React separates adjacent text nodes with comments; drop them to read the text as a user would.
  return renderToString(h(QueryClientProvider, { client: qc }, h(CsrfTokenProvider, { value: "csrf" }, h(ToastProvider, null, node)))).replace(/<!-- -->/g, "");
}

const vantages = [
  { id: "control-plane", name: "Control plane", kind: "lan" as const, enabled: true, lastSeenAt: null },
  { id: "vps", name: "VPS agent", kind: "remote" as const, enabled: true, lastSeenAt: null },
];
const check = {
  id: "c1aaaaaaaa", name: "app.home.example", type: "https" as const, description: "GET https://app.home.example/",
  target: { url: "https://app.home.example/", method: "GET" as const, expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: false, tlsMinDaysValid: 7 },
  intervalSec: 60, timeoutMs: 10000, retries: 1, vantages: [], channels: [], enabled: true, expectation: "reachable" as const, source: "route" as const, sourceKey: "route:r1",
  status: "degraded" as const, statusSince: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
  tags: [], groupName: null, pausedAt: null, pausedBy: null,
};

describe("reachability UI", () => {
  it("the matrix shows a degraded row with each vantage point's verdict", () => {
    const matrix: Matrix = {
      vantages,
      nextCursor: null,
      rows: [{
        check,
        status: "degraded",
        cells: [
          { vantageId: "control-plane", status: "up", errorClass: null, message: null, latencyMs: 12, lastAt: "2026-01-01T00:00:00.000Z", fingerprint: null },
          { vantageId: "vps", status: "down", errorClass: "unreachable", message: "ENETUNREACH", latencyMs: null, lastAt: "2026-01-01T00:00:00.000Z", fingerprint: null },
        ],
      }],
    };
    const html = render(h(ReachabilityMatrix, { initial: matrix }));
    expect(html).toContain("app.home.example");
    expect(html).toContain("VPS agent");
    expect(html).toContain("Degraded");
    expect(html).toContain("Down · unreachable");
    expect(html).toContain("/reachability/checks/c1aaaaaaaa");
    expect(html).toMatch(/dark:/);
  });

  it("an exposure check says what it expects; its cells name the route that answered", () => {
    const matrix: Matrix = {
      vantages,
      nextCursor: null,
      rows: [{
        check: { ...check, name: "nas.home.example (not reachable from away)", expectation: "unreachable" },
        status: "degraded",
        cells: [
          { vantageId: "control-plane", status: "up", errorClass: null, message: "not reachable, as expected: refused", latencyMs: null, lastAt: "2026-01-01T00:00:00.000Z", fingerprint: null },
          { vantageId: "vps", status: "down", errorClass: "exposed", message: "reachable from VPS agent but should not be", latencyMs: 40, lastAt: "2026-01-01T00:00:00.000Z", fingerprint: "cmroute1" },
        ],
      }],
    };
    const html = render(h(ReachabilityMatrix, { initial: matrix }));
    expect(html).toContain("Expect: unreachable (exposure check)");
    expect(html).toContain("Down · exposed (reachable but should not be)");
    expect(html).toContain("answered by route cmroute1");
  });

  it("the matrix says what to do when there are no checks", () => {
    expect(render(h(ReachabilityMatrix, { initial: { vantages, rows: [], nextCursor: null } }))).toContain("No checks yet");
  });

  it("the detail charts list uptime per vantage point and window", () => {
    const html = render(h(CheckCharts, {
      checkId: "c1aaaaaaaa",
      vantages,
      intervalSec: 60,
      initialBeats: null,
      initial: { uptime: { "control-plane": { "24h": 100, "7d": 99.5, "30d": 98.25 }, vps: { "24h": 50, "7d": null, "30d": null } }, series: [{ t: Date.parse("2026-01-01T00:00:00Z"), values: { "control-plane": { latencyMs: 12, uptime: 100 } } }], bucketMs: 900_000, lastFailure: null },
    }));
    expect(html).toContain("99.5 %");
    expect(html).toContain("98.25 %");
    expect(html).toContain("50 %");
    expect(html).toContain("Latency");
  });

  it("incidents name the vantage points that saw them", () => {
    const html = render(h(IncidentList, {
      vantageNames: { vps: "VPS agent" },
      items: [{ id: "i1", checkId: "c1", checkName: "app", kind: "degraded", startedAt: "2026-01-01T00:00:00.000Z", endedAt: null, durationMs: null, vantages: ["vps"], errorClass: "unreachable", message: null, acknowledgedAt: null, acknowledgedBy: null }],
    }));
    expect(html).toContain("Seen from VPS agent");
    expect(html).toContain("ongoing");
  });

  it("channels show their target and a test-send button, never a secret", () => {
    const html = render(h(NotificationChannels, { initial: [{ id: "ch1", name: "phone", kind: "ntfy", config: { url: "http://ntfy.home.example", topic: "lab" }, hasSecret: true, enabled: true, createdAt: "2026-01-01T00:00:00.000Z" }] }));
    expect(html).toContain("http://ntfy.home.example/lab");
    expect(html).toContain("Send test");
  });
});
