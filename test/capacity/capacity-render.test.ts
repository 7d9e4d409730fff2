// Server-renders Settings → Capacity (no browser): the verdict and headroom lead the run, every
// chart has its table, strained live figures come first as an alert, and before any run the page
// gives the bench command; a damaged file is named, not hidden.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { CapacityView } from "@/components/capacity/capacity-view";
import type { CapacityLive } from "@/lib/capacity/schemas";
import { sampleRun } from "./run-fixture";

const live: CapacityLive = {
  at: "2026-12-01T10:00:00.000Z",
  agents: { enrolled: 40, connected: 34 },
  containers: 1700,
  services: 120,
  checksPerMinute: 42,
  eventsPerSecond: 12.5,
  eventStreams: 2,
  eventsDroppedPerMinute: null,
  process: { rssMb: 210.4, heapUsedMb: 120, cpuCores: 0.12, eventLoopLagP99Ms: 14, uptimeSeconds: 3600 },
  database: { bytes: 48 * 1024 * 1024, writeP95Ms: 2.4 },
};
const render = (props: Parameters<typeof CapacityView>[0]) => renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(CapacityView, props) }));

describe("Settings → Capacity", () => {
  it("shows the verdict, this instance's headroom, a chart per figure with its table, and every step", () => {
    const html = render({ initialLive: live, run: sampleRun(), runProblem: null });
    expect(html).toContain("Held 1,000 agents × 50 containers; collapsed at 2,000: event loop");
    expect(html).toContain("34 of ~1,000 agents this machine held");
    for (const id of ["rss", "cpu", "event", "storm", "pages"]) expect(html).toContain(`data-testid="capacity-chart-${id}"`);
    expect(html.match(/Show as a table/g)).toHaveLength(5);
    expect(html).toContain("event p95 over 100 ms; storm over 30 s");
    expect(html.indexOf('data-testid="capacity-live"')).toBeLessThan(html.indexOf('data-testid="capacity-verdict"'));
  });

  it("shows the live figures and no alert while nothing is strained", () => {
    const html = render({ initialLive: live, run: null, runProblem: null });
    expect(html).toContain("34 / 40");
    expect(html).toContain("6 enrolled but not connected");
    expect(html).toContain("48.0 MiB");
    expect(html).not.toContain("Under strain now");
  });

  it("leads with what is strained", () => {
    const html = render({ initialLive: { ...live, process: { ...live.process, eventLoopLagP99Ms: 640 } }, run: null, runProblem: null });
    expect(html).toContain("Under strain now");
    expect(html.indexOf("Under strain now")).toBeLessThan(html.indexOf('data-testid="capacity-live"'));
    expect(html).toContain('data-testid="live-lag" data-tone="danger"');
  });

  it("before any run, gives the bench command; a damaged run file is named", () => {
    expect(render({ initialLive: live, run: null, runProblem: null })).toContain("npm run bench:scale");
    const html = render({ initialLive: live, run: null, runProblem: "/data/capacity/last-run.json is not valid JSON" });
    expect(html).toContain("The last run cannot be read");
    expect(html).toContain("/data/capacity/last-run.json is not valid JSON");
  });
});
