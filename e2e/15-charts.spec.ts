// Charts and heartbeat bars, live: an HTTP check of a loopback server this test runs shows a green
// heartbeat; the server stops and the newest bar turns red without a reload, the latency chart marks
// the failures; a check that has never passed shows the chart's failure state with the reason; the
// checks list shows each row's compact heartbeat.
// Desktop and phone screenshots of the check page (dark too).
import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { freePort, shoot, signIn, trackPageErrors, csrfToken } from "./helpers";

const UP_NAME = "charts-e2e web";
const DOWN_NAME = "charts-e2e never up";
/** The shortest check interval: results every 10 s. */
const INTERVAL_SEC = 10;
/** Long enough for a couple of rounds (and the stream's coalescing) on a loaded machine. */
const ROUND_WAIT_MS = 60_000;

async function createCheck(page: Page, csrf: string, name: string, url: string): Promise<string> {
  const res = await page.request.post("/api/v1/checks", {
    headers: { "x-csrf-token": csrf },
    data: { name, type: "http", target: { url }, intervalSec: INTERVAL_SEC, timeoutMs: 1000, retries: 0 },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

let server: Server | null = null;

test.afterAll(async () => {
  if (server?.listening) await new Promise((r) => server!.close(r));
});

test("a check's heartbeat turns red live when its server stops, and the latency chart says why", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackPageErrors(page);
  await signIn(page);
  const port = await freePort();
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain", connection: "close" });
    res.end("ok");
  });
  await new Promise<void>((r) => server!.listen(port, "127.0.0.1", r));
  const csrf = await csrfToken(page.request, "/reachability");
  const upId = await createCheck(page, csrf, UP_NAME, `http://127.0.0.1:${port}/`);

  await page.goto(`/reachability/checks/${upId}`);
  await expect(page.getByRole("heading", { name: UP_NAME })).toBeVisible();
  const overall = page.getByTestId("heartbeat-overall").getByTestId("heartbeat-bar");
  await expect(page.getByRole("status", { name: "Live updates" })).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  // The first results arrive through the stream: a green newest bar, without a reload.
  await expect(overall).toHaveAttribute("data-newest", "up", { timeout: ROUND_WAIT_MS });
  const newest = overall.getByRole("listitem").last();
  await expect(newest).toHaveAttribute("data-status", "up");
  await expect(newest).toHaveAttribute("aria-label", /Up · \d+ ms|Up · <1 ms/);
  // Older slots are grey padding, not fake green history.
  await expect(overall.getByRole("listitem").first()).toHaveAttribute("data-status", "none");
  await expect(page.getByTestId("latency-chart")).toBeVisible({ timeout: ROUND_WAIT_MS });
  // The bar fits the desktop width: many more bars than a phone's.
  expect(await overall.getByRole("listitem").count()).toBeGreaterThanOrEqual(60);
  // Keyboard: the bar is one stop; arrows walk the bars and the caption reads the one in focus.
  await overall.focus();
  await page.keyboard.press("End");
  await expect(page.getByTestId("heartbeat-overall").locator("p[aria-live]")).toContainText("Up");
  await shoot(page, "charts-check-up", { dark: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The server stops: the next round fails, and the newest bar turns red on the open page.
  const marker = await page.evaluate(() => ((window as unknown as { __charts: number }).__charts = 1));
  await new Promise((r) => server!.close(r));
  server.closeAllConnections();
  await expect(overall).toHaveAttribute("data-newest", "down", { timeout: ROUND_WAIT_MS });
  await expect(overall.getByRole("listitem").last()).toHaveAttribute("aria-label", /Down · refused/);
  expect(await page.evaluate(() => (window as unknown as { __charts?: number }).__charts), "no reload happened").toBe(marker);
  // The latency chart follows: the failing bucket is shaded and counted, with the reason.
  await expect(page.getByTestId("latency-chart")).not.toHaveAttribute("data-failing-buckets", "0", { timeout: ROUND_WAIT_MS });
  await expect(page.getByTestId("latency-chart")).toContainText("latest: refused");
  await expect(page.getByTestId("heartbeat-overall")).toContainText("%");
  await shoot(page, "charts-check-down");
  await page.setViewportSize({ width: 1280, height: 800 });
  // On a phone the bar shows fewer, wider-spaced bars that fit.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect.poll(async () => overall.getByRole("listitem").count()).toBeLessThanOrEqual(45);
  await page.setViewportSize({ width: 1280, height: 800 });

  // A check that never passed: the chart's failure state names why instead of an empty frame.
  const downId = await createCheck(page, csrf, DOWN_NAME, `http://127.0.0.1:${await freePort()}/`);
  await page.goto(`/reachability/checks/${downId}`);
  const failedOverall = page.getByTestId("heartbeat-overall").getByTestId("heartbeat-bar");
  await expect(failedOverall).toHaveAttribute("data-newest", "down", { timeout: ROUND_WAIT_MS });
  await expect(page.getByTestId("latency-failed")).toContainText("All checks failed in this window: refused", { timeout: ROUND_WAIT_MS });
  await shoot(page, "charts-check-failed");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The checks list shows each row's compact heartbeat and 24 h uptime; the stopped server's row ends red.
  await page.goto("/reachability");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: UP_NAME }) });
  await expect(row.getByTestId("heartbeat-bar")).toHaveAttribute("data-newest", "down", { timeout: ROUND_WAIT_MS });
  await expect(row.getByTestId("row-heartbeat")).toContainText("%");
  await shoot(page, "charts-checks-list");

  // Clean up both checks.
  for (const id of [upId, downId]) expect((await page.request.delete(`/api/v1/checks/${id}`, { headers: { "x-csrf-token": csrf } })).status()).toBe(204);
  expect(errors, errors.join("\n")).toEqual([]);
});
