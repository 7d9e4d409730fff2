// Logs end to end, against a real Docker engine and the real agent: a service that prints a line
// every second; its page's viewer follows new lines without a reload and stays at the bottom;
// scrolling up stops the sticking (with "jump to latest"); search highlights and walks matches;
// "download shown" and "download range" give files; removing the container ends the stream, said.
import { readFileSync } from "node:fs";
import { expect, test, type Locator } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { docker, signIn, trackPageErrors, shoot } from "./helpers";

const HOST = "e2e-logs-host";
const SERVICE = "e2e-ticker";
const SERVICE_LABEL = "homeport.service-id";
const SCRIPT = 'i=0; while [ $i -lt 40 ]; do i=$((i+1)); echo "boot $i"; done; i=0; while true; do i=$((i+1)); echo "tick $i"; echo "warn $i" >&2; sleep 1; done';

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const bed = agentBed("logs");
let serviceId: string | undefined;

const lastTick = async (pane: Locator) => Math.max(0, ...(await pane.getByTestId("log-line").allTextContents()).map((t) => Number(/tick (\d+)/.exec(t)?.[1] ?? 0)));
const distanceFromBottom = (pane: Locator) => pane.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

test("follow a service's logs live, scroll back, search and download", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // A host with the real agent.
  const agent = await bed.enroll(page, baseURL!, HOST);

  // A service that prints a burst, then a line (and a stderr line) every second.
  await page.goto("/services/new");
  await page.getByLabel("Name", { exact: true }).fill(SERVICE);
  await page.getByLabel("Image").fill(bed.image);
  await page.getByLabel(/^Command/).fill(["sh", "-c", SCRIPT].join("\n"));
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
  if (serviceId) bed.removeOnExit(serviceId);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByTestId("latest-deployment"), `agent output:\n${agent.output()}`).toContainText("succeeded", { timeout: 60_000 });

  // Following: new lines arrive without a reload, and the view stays at the bottom.
  const pane = page.getByTestId("service-logs");
  await pane.scrollIntoViewIfNeeded();
  await expect(pane).toContainText("boot 40", { timeout: 20_000 });
  await expect(pane).toContainText("tick 2", { timeout: 20_000 });
  await expect(page.getByTestId("log-status")).toContainText("Live: following new lines");
  const seen = await lastTick(pane);
  await expect.poll(() => lastTick(pane), { timeout: 10_000 }).toBeGreaterThanOrEqual(seen + 2);
  await expect(pane).toHaveAttribute("data-sticky", "true");
  expect(await distanceFromBottom(pane), "the newest line is in view").toBeLessThanOrEqual(24);
  await expect(pane.locator('[data-stream="stderr"]').first()).toContainText("warn");

  // Scrolling up stops the sticking: new lines keep coming but the view stays put.
  await pane.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(pane).toHaveAttribute("data-sticky", "false");
  const jump = page.getByRole("button", { name: "Jump to latest ↓" });
  await expect(jump).toBeVisible();
  const before = await lastTick(pane);
  await expect.poll(() => lastTick(pane), { timeout: 10_000 }).toBeGreaterThan(before);
  expect(await pane.evaluate((el) => el.scrollTop), "still where the reader left it").toBe(0);
  await expect(page.getByTestId("log-status")).toContainText("paused at your position");
  await shoot(page, "logs-scrolled-back");
  await jump.click();
  await expect(pane).toHaveAttribute("data-sticky", "true");
  expect(await distanceFromBottom(pane)).toBeLessThanOrEqual(24);

  // Search highlights every match and walks them.
  const search = page.getByRole("searchbox", { name: "Search the logs" });
  await search.fill("boot 1");
  await expect(page.getByTestId("log-match-count")).toHaveText("1/11"); // boot 1 and boot 10…19
  await expect(pane.getByTestId("log-match")).toHaveCount(11);
  await search.press("Enter");
  await expect(page.getByTestId("log-match-count")).toHaveText("2/11");
  await expect(pane.locator("[data-current]")).toContainText("boot 10");
  await shoot(page, "logs-search", { dark: true });

  // Downloads: what is shown (made in the browser) and the range (from the API, as text/plain).
  const [shown] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download shown" }).click()]);
  expect(shown.suggestedFilename()).toBe(`${SERVICE}-logs.txt`);
  const shownText = readFileSync((await shown.path())!, "utf8");
  expect(shownText).toContain("stdout boot 40");
  expect(shownText).toContain("stderr warn 1");
  const [ranged] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download range" }).click()]);
  expect(ranged.suggestedFilename()).toMatch(new RegExp(`^${SERVICE}-logs-.*\\.txt$`));
  expect(readFileSync((await ranged.path())!, "utf8")).toContain("boot 40");
  await search.fill("");

  // The container goes away: the viewer says so.
  const ids = await docker("ps", "-aq", "--filter", `label=${SERVICE_LABEL}=${serviceId}`);
  await docker("rm", "-f", ...ids.split("\n").filter(Boolean));
  await expect(pane.getByTestId("log-note").last()).toContainText("the container was removed", { timeout: 15_000 });
  await shoot(page, "logs-ended");

  expect(errors, "errors in the browser console").toEqual([]);
});
