// The check page's charts say what a user must read instead of drawing an empty frame (server-side
// render, no browser): no results yet, every probe failed (and why), one first result, failing
// buckets counted; the service's CPU/memory card in human units with a pluralised sample count.
import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { CsrfTokenProvider } from "@/lib/client/api";
import { LatencyChart } from "@/components/charts/latency-chart";
import { seriesBucketMs, type LatencyChart as Data } from "@/lib/probes/queries";

function render(node: React.ReactElement): string {
  const qc = new QueryClient();
  return renderToString(h(QueryClientProvider, { client: qc }, h(CsrfTokenProvider, { value: "csrf" }, node))).replace(/<!-- -->/g, "");
}

const vantages = [{ id: "cp", name: "Control plane" }];
const T = Date.parse("2026-12-06T08:00:00Z");
const chart = (values: { latencyMs: number | null; uptime: number }[], lastFailure: Data["lastFailure"] = null): Data => ({
  series: values.map((v, i) => ({ t: T + i * 60_000, values: { cp: v } })),
  bucketMs: 60_000,
  lastFailure,
});

describe("latency chart states", () => {
  it("a new check says when its first result comes, not an empty frame", () => {
    const html = render(h(LatencyChart, { data: chart([]), vantages, intervalSec: 30 }));
    expect(html).toContain("No results yet: the first check runs within 30 s.");
    expect(html).not.toContain("latency-chart");
  });

  it("a check whose every probe failed names why", () => {
    const html = render(h(LatencyChart, { data: chart([{ latencyMs: null, uptime: 0 }, { latencyMs: null, uptime: 0 }], { at: new Date(T).toISOString(), errorClass: "refused", message: "connect ECONNREFUSED 127.0.0.1:4000" }), vantages, intervalSec: 60 }));
    expect(html).toContain("All checks failed in this window: refused.");
    expect(html).toContain("connect ECONNREFUSED 127.0.0.1:4000");
  });

  it("one result is a point with a note", () => {
    const html = render(h(LatencyChart, { data: chart([{ latencyMs: 23, uptime: 100 }]), vantages, intervalSec: 60 }));
    expect(html).toContain("One point so far (23 ms)");
  });

  it("failing buckets among passing ones are counted with the latest reason", () => {
    const data = chart([{ latencyMs: 20, uptime: 100 }, { latencyMs: null, uptime: 0 }, { latencyMs: 21, uptime: 50 }], { at: new Date(T).toISOString(), errorClass: "timeout", message: null });
    const html = render(h(LatencyChart, { data, vantages, intervalSec: 60 }));
    expect(html).toContain('data-failing-buckets="2"');
    expect(html).toContain("failures in 2 of 3 buckets (latest: timeout)");
  });
});

describe("latency chart buckets", () => {
  const now = T + 86_400_000;
  it("a young check gets one point per round, an older one coarser buckets, never wider than the window's", () => {
    expect(seriesBucketMs("24h", now - 3 * 60_000, now, 10_000)).toBe(10_000);
    expect(seriesBucketMs("24h", now - 3 * 3600_000, now, 60_000)).toBe(5 * 60_000);
    expect(seriesBucketMs("24h", now - 86_400_000, now, 60_000)).toBe(15 * 60_000);
    expect(seriesBucketMs("7d", null, now, 60_000)).toBe(3600_000);
  });
});
