// Logs end to end, against a real Docker engine and the real agent: a service that prints a line
// every second; its page's viewer follows new lines without a reload and stays at the bottom;
// scrolling up stops the sticking (with "jump to latest"); search highlights and walks matches;
// "download shown" and "download range" give files; removing the container ends the stream, said.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test, type Locator } from "@playwright/test";
import { buildBusyboxImage } from "../test/agents/helpers/docker";
import { startAgent, type AgentProcess } from "../test/agents/helpers/agent-process";
import { docker, signIn, trackPageErrors, shoot } from "./helpers";

const run = promisify(execFile);
const HOST = "e2e-logs-host";
const SERVICE = "e2e-ticker";
const SERVICE_LABEL = "homeport.service-id";
const SCRIPT = 'i=0; while [ $i -lt 40 ]; do i=$((i+1)); echo "boot $i"; done; i=0; while true; do i=$((i+1)); echo "tick $i"; echo "warn $i" >&2; sleep 1; done';

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let image: string | undefined;
let agent: AgentProcess | undefined;
let stateDir: string | undefined;
let serviceId: string | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: 240_000 });
  image = await buildBusyboxImage(`homeport-test/busybox:e2e-logs-${process.pid}-${Date.now().toString(36)}`);
});

test.afterAll(async () => {
  await agent?.kill("SIGTERM");
  if (serviceId) {
    const ids = await docker("ps", "-aq", "--filter", `label=${SERVICE_LABEL}=${serviceId}`).catch(() => "");
    for (const id of ids.split("\n").filter(Boolean)) await docker("rm", "-f", id).catch(() => undefined);
  }
  if (image) await docker("rmi", "-f", image).catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

const lastTick = async (pane: Locator) => Math.max(0, ...(await pane.getByTestId("log-line").allTextContents()).map((t) => Number(/tick (\d+)/.exec(t)?.[1] ?? 0)));
const distanceFromBottom = (pane: Locator) => pane.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

test("follow a service's logs live, scroll back, search and download", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // A host with the real agent.
  await page.goto("/hosts");
  await page.getByRole("button", { name: "Add host" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a host" });
  await dialog.getByLabel("Host name").fill(HOST);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const enrolled = page.getByRole("dialog", { name: `Enroll ${HOST}` });
  const command = (await enrolled.getByTestId("enroll-command").first().textContent()) ?? "";
  const token = /--token (\S+)/.exec(command)?.[1];
  expect(token).toMatch(/^hpe_/);
  await enrolled.getByRole("button", { name: "Done" }).click();
  stateDir = mkdtempSync(join(tmpdir(), "homeport-e2e-logs-"));
  agent = startAgent(["--server", baseURL!, "--token", token!, "--state-dir", stateDir]);
  const row = page.getByTestId("host-row").filter({ hasText: HOST });
  await expect(row.getByTestId("host-status"), `agent output:\n${agent.output()}`).toHaveAttribute("data-online", "true", { timeout: 30_000 });

  // A service that prints a burst, then a line (and a stderr line) every second.
  await page.goto("/services/new");
  await page.getByLabel("Name", { exact: true }).fill(SERVICE);
  await page.getByLabel("Image").fill(image!);
  await page.getByLabel(/^Command/).fill(["sh", "-c", SCRIPT].join("\n"));
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
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
