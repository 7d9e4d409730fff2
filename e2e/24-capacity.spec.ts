// Settings → Capacity end to end: before any scale run the page gives the bench command; once a run
// file is in the server's data dir (as `npm run bench:scale` writes it) the page shows its verdict,
// this instance's headroom, the charts with their tables, and live cards that keep refreshing. A
// read-only token reads both capacity APIs.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { csrfToken, DATA_DIR, shoot, signIn, trackPageErrors } from "./helpers";

const RUN_FILE = join(DATA_DIR, "capacity", "last-run.json");

function step(agents: number, over: Record<string, unknown> = {}) {
  return {
    agents, containers: agents * 50, connected: agents, connectSeconds: agents / 11,
    rssMbPeak: 180 + agents * 0.55, cpuCores: Math.min(1.9, agents / 700), eventLoopLagP99Ms: 4 + agents / 40, sqliteWriteP95Ms: 2 + agents / 400,
    eventP50Ms: 8 + agents / 60, eventP95Ms: 20 + agents / 14, eventP99Ms: 45 + agents / 6, eventsSent: agents * 4, eventsLost: 0,
    stormSettleSeconds: 2 + agents / 45, pages: { overviewMs: 35 + agents / 12, hostsMs: 30 + agents / 15, servicesMs: 28 + agents / 20 },
    ok: true, problems: [] as string[], ...over,
  };
}

const RUN = {
  version: 1,
  startedAt: "2026-12-05T21:00:00.000Z",
  finishedAt: "2026-12-05T21:38:00.000Z",
  machine: { cpus: 2, memoryGiB: 7.8, node: "v22.11.0" },
  config: { containersPerAgent: 50, statsIntervalSeconds: 10, churnPerAgentPerMinute: 1, probeResultsPerAgentPerMinute: 2, steadySeconds: 60 },
  targets: { rssMb: 1024, eventP95Ms: 100, stormSeconds: 30, pageMs: 300 },
  steps: [step(100), step(250), step(500), step(1000), step(2000, { ok: false, rssMbPeak: 1290, eventP95Ms: 260, eventLoopLagP99Ms: 480, stormSettleSeconds: 61, problems: ["RSS over 1 GiB", "event p95 over 100 ms", "storm over 30 s"] })],
  collapse: { agents: 2000, resource: "event loop", detail: "loop lag p99 480 ms, event p95 260 ms, RSS 1,290 MiB" },
};

test.afterAll(() => rmSync(join(DATA_DIR, "capacity"), { recursive: true, force: true }));

test("Settings → Capacity: the bench command before a run, then the run's verdict, charts and live headroom", async ({ page }) => {
  const errors = trackPageErrors(page);
  rmSync(join(DATA_DIR, "capacity"), { recursive: true, force: true });
  await signIn(page);

  // From Settings, one link away.
  await page.goto("/settings");
  await page.getByRole("link", { name: /^Capacity/ }).click();
  await expect(page.getByRole("heading", { name: "Capacity", level: 1 })).toBeVisible();

  // Live cards first; no run yet: the command that makes one.
  const live = page.getByTestId("capacity-live");
  await expect(live.getByTestId("live-agents")).toContainText("Agents connected");
  await expect(page.getByText("No scale run yet")).toBeVisible();
  await expect(page.getByTestId("bench-command")).toHaveText("npm run bench:scale");
  const none = await page.request.get("/api/v1/capacity/run");
  expect(none.status()).toBe(404);
  expect(((await none.json()) as { error: { message: string } }).error.message).toContain("npm run bench:scale");
  await shoot(page, "capacity-empty");

  // The bench wrote a run beside the database.
  mkdirSync(join(DATA_DIR, "capacity"), { recursive: true });
  writeFileSync(RUN_FILE, JSON.stringify(RUN, null, 2));
  await page.reload();
  await expect(page.getByTestId("capacity-verdict")).toHaveText("Held 1,000 agents × 50 containers; collapsed at 2,000: event loop");
  await expect(page.getByText("What gave out first: loop lag p99 480 ms")).toBeVisible();
  await expect(page.getByTestId("capacity-headroom")).toContainText(/of ~1,000 agents this machine held/);

  // Charts with their targets, and the numbers as a table.
  const event = page.getByTestId("capacity-chart-event");
  await expect(event.getByRole("img", { name: /Event latency .* by number of agents: at 2,000 agents p50 .* p95 260 ms/ })).toBeVisible();
  await expect(event.locator("svg path.recharts-line-curve")).toHaveCount(3);
  await expect(event.locator("svg .recharts-reference-line-line")).toHaveCount(1);
  await event.getByText("Show as a table").click();
  await expect(event.getByRole("table").getByRole("row").filter({ hasText: "2,000" })).toContainText("260 ms");
  const failed = page.getByRole("row").filter({ hasText: "RSS over 1 GiB; event p95 over 100 ms; storm over 30 s" });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("2,000");
  await expect(failed).toContainText("Failed");

  // The live figures refresh on their own while the page is open.
  const refreshed = await page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/capacity" && r.status() === 200, { timeout: 15_000 });
  const body = (await refreshed.json()) as { agents: { connected: number; enrolled: number }; process: { rssMb: number } };
  await expect(live.getByTestId("live-agents")).toContainText(`${body.agents.connected} / ${body.agents.enrolled}`);
  expect(body.process.rssMb).toBeGreaterThan(0);
  await expect(live.getByTestId("live-write")).not.toContainText("—", { timeout: 30_000 });
  await shoot(page, "capacity", { dark: true });

  // A read-only token reads both APIs.
  const csrf = await csrfToken(page.request, "/settings");
  const created = await page.request.post("/api/v1/tokens", { headers: { "x-csrf-token": csrf }, data: { name: "capacity-reader", scopes: ["read"] } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const run = await page.request.get("/api/v1/capacity/run", { headers: auth });
  expect(run.status()).toBe(200);
  expect(((await run.json()) as { collapse: { agents: number } }).collapse.agents).toBe(2000);
  expect((await page.request.get("/api/v1/capacity", { headers: auth })).status()).toBe(200);

  // A damaged file is named on the page, not a crash.
  writeFileSync(RUN_FILE, "{ not json");
  await page.reload();
  await expect(page.getByText("The last run cannot be read")).toBeVisible();
  await expect(page.getByText(/last-run\.json is not valid JSON/)).toBeVisible();

  expect(errors).toEqual([]);
});
