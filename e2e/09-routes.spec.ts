// Routes end to end in the browser, on the routes test bed (test/testbed/bed.ts: network
// namespaces with a real BIND9 per view, the LAN Caddy, the edge Caddy standing in for the tunnel
// provider, one Homeport agent at home and one away, and a busybox service Homeport deploys). The
// agents reach this Playwright server (127.0.0.1:E2E_PORT) through the bed's TCP forwarders.
// Scenarios: the wizard's `both` route goes green on both sides with the same fingerprint; a
// LAN-only route is green at home and unreachable away; with the edge link cut the LAN stays
// green, the remote side shows its error class and the drill agrees; a hand edit of the LAN
// record shows on the DNS page and "Apply now" repairs it. Needs root; fails without.
import { expect, test, type Page } from "@playwright/test";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../test/agents/helpers/docker";
import { adminApi, type HomeportApi } from "../test/testbed/api-client";
import { ADDR, ensureBedPackages, TestBed, timings, until, ZONE } from "../test/testbed/bed";
import { configureHomeport, SERVICE_PAGE, unconfigureHomeport, type BedHomeport } from "../test/testbed/homeport-setup";
import { BED_PREFIX } from "../test/testbed/netns";
import { ADMIN, DATA_DIR, signIn, trackPageErrors, shoot } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const APP = `app.${ZONE}`;
const HOME = `home.${ZONE}`;
/** Generous: probes from two namespaces, an edge and two BIND servers; a pass takes seconds. */
const GREEN_TIMEOUT_MS = 120_000;
const CHECKS_NUDGE_MS = 3_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

let bed: TestBed | undefined;
let api: HomeportApi;
let hp: BedHomeport;
/** What the set-up created so far, so afterAll can undo a set-up that failed half-way. */
const created: Partial<BedHomeport> = {};
let image: string | undefined;
const routeIds: Record<string, string> = {};

/**
 * Waits on the route page until both sides show `want`, pressing "Run checks now" every few
 * seconds (the automatic checks run every minute; a user who wants an answer now does this).
 */
async function waitForSides(page: Page, want: { lan: string; remote: string }, what: string): Promise<void> {
  const lan = page.getByTestId("side-lan");
  const remote = page.getByTestId("side-remote");
  await until(async () => {
    if ((await lan.getAttribute("data-status")) === want.lan && (await remote.getAttribute("data-status")) === want.remote) return true;
    const run = page.getByRole("button", { name: "Run checks now" });
    if (await run.isEnabled()) await run.click();
    await page.waitForTimeout(CHECKS_NUDGE_MS);
    return false;
  }, what, GREEN_TIMEOUT_MS, () => `lan=${String(want.lan)} remote=${String(want.remote)}\n${bed?.logs() ?? ""}`);
}

/** The wizard: hostname, service and port, exposure, review the plan, create and apply. Returns the route id. */
async function createRouteInWizard(page: Page, hostname: string, exposure: "LAN only" | "LAN and remote"): Promise<{ id: string; started: () => number }> {
  await page.goto("/routes/new");
  await page.getByLabel("Hostname").fill(hostname);
  await page.getByLabel("Service", { exact: true }).selectOption({ label: hp.serviceName });
  await expect(page.getByLabel("Port")).toHaveValue("8080");
  await page.getByRole("radio", { name: exposure }).check({ force: true });
  await page.getByRole("button", { name: "Review plan" }).click();
  const plan = page.getByTestId("route-plan");
  await expect(plan).toBeVisible();
  for (const part of ["lan-dns", "proxy"]) await expect(plan.getByTestId(`plan-part-${part}`)).not.toHaveAttribute("data-action", /skip|blocked/);
  const remoteAction = exposure === "LAN only" ? /skip/ : /create|apply|update/;
  for (const part of ["tunnel", "public-dns"]) await expect(plan.getByTestId(`plan-part-${part}`)).toHaveAttribute("data-action", remoteAction);
  const started = timings.start();
  await page.getByRole("button", { name: "Create and apply" }).click();
  await expect(page).toHaveURL(/\/routes\/(?!new$)[a-z0-9]+$/, { timeout: 60_000 });
  const id = new URL(page.url()).pathname.split("/").pop()!;
  return { id, started };
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await Promise.all([ensureDocker(), ensureBedPackages()]);
  image = await buildBusyboxImage();
  api = await adminApi(`http://127.0.0.1:${PORT}`, DATA_DIR, ADMIN);
  const elapsed = timings.start();
  bed = await TestBed.start(PORT);
  hp = await configureHomeport(bed, api, { image }, created);
  timings.record("bed-start-e2e", elapsed());
});

test.afterAll(async () => {
  // Runs even when a test failed: Homeport forgets the bed (later specs share the database), then
  // the namespaces, their servers and the service's container go.
  if (api) {
    const problems = await unconfigureHomeport(api, created);
    if (problems.length > 0) process.stderr.write(`test bed: could not undo ${problems.join("; ")}\n`);
  }
  await bed?.stop();
  await cleanupDocker(`${BED_PREFIX}-`, { image });
});

test("the wizard's LAN-and-remote route goes green at home and away with the same fingerprint", async ({ page }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  const { id, started } = await createRouteInWizard(page, APP, "LAN and remote");
  routeIds.app = id;
  for (const part of ["lan-dns", "proxy", "tunnel", "public-dns"]) await expect(page.getByTestId(`route-part-${part}`)).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
  await waitForSides(page, { lan: "up", remote: "up" }, "both sides of the route to go green in the UI");
  timings.record("apply-to-green-ui", started(), { route: APP, runner: "playwright", from: "Create and apply", to: "both sides up on the route page" });

  await expect(page.getByTestId("verdict-sameUrl")).toHaveAttribute("data-status", "pass", { timeout: 30_000 });
  await expect(page.getByTestId("verdict-worksOffline")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("verdict-exposureMatchesIntent")).toHaveAttribute("data-status", "pass");
  // The same proxy entry answered on both sides: the fingerprint is the route id.
  const fingerprints = page.locator('[data-testid^="fingerprint-"]');
  await expect(fingerprints).toHaveCount(2);
  for (const fp of await fingerprints.all()) await expect(fp).toHaveText(id);
  // And the servers agree: LAN record, public CNAME to the edge, the page through both paths.
  expect(await bed!.digLan(APP)).toEqual([ADDR.lan]);
  expect(await bed!.digPublic(APP, "CNAME")).toEqual(["edge.example.org."]);
  for (const side of ["lan", "remote"] as const) expect((await bed!.curlFrom(side, `https://${APP}/`)).body).toContain(SERVICE_PAGE);
  await shoot(page, "route-both-green");
  expect(errors).toEqual([]);
});

test("a LAN-only route is green at home and correctly unreachable away", async ({ page }) => {
  await signIn(page);
  const { id } = await createRouteInWizard(page, HOME, "LAN only");
  routeIds.home = id;
  await expect(page.getByTestId("route-part-tunnel")).toHaveAttribute("data-status", "skipped", { timeout: 30_000 });
  await expect(page.getByTestId("route-part-public-dns")).toHaveAttribute("data-status", "skipped");
  await waitForSides(page, { lan: "up", remote: "up" }, "the LAN side green and the remote side unreachable as intended");
  await expect(page.getByTestId("side-remote")).toHaveAttribute("data-expectation", "unreachable");
  await expect(page.getByTestId("verdict-exposureMatchesIntent")).toHaveAttribute("data-status", "pass", { timeout: 30_000 });
  await expect(page.getByTestId("verdict-worksOffline")).toHaveAttribute("data-status", "pass");
  expect(await bed!.digPublic(HOME)).toEqual([]);
});

test("with the edge link cut the LAN stays green, the remote side shows its error class, and the drill agrees", async ({ page }) => {
  await signIn(page);
  await bed!.cutEdgeLink();
  try {
    await page.goto(`/routes/${routeIds.app}`);
    const elapsed = timings.start();
    await waitForSides(page, { lan: "up", remote: "down" }, "the remote side to go red while the LAN stays green");
    const status = await api.get<{ sides: { remote: { vantages: { status: string; errorClass: string | null }[] } } }>(`/api/v1/routes/${routeIds.app}/status`);
    const errorClass = status.sides.remote.vantages.find((v) => v.status === "down")?.errorClass;
    timings.record("cut-to-remote-red-ui", elapsed(), { runner: "playwright", errorClass });
    expect(errorClass).toBeTruthy();
    await expect(page.getByTestId("side-remote")).toContainText(errorClass!);
    await expect(page.getByTestId("verdict-sameUrl")).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("verdict-sameUrl")).toContainText(errorClass!);
    await expect(page.getByTestId("verdict-worksOffline")).toHaveAttribute("data-status", "pass");
    await shoot(page, "route-edge-cut");

    await page.goto("/drill");
    await page.getByRole("button", { name: "Run drill" }).click();
    const report = page.getByTestId("drill-report");
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.getByTestId(`drill-route-${APP}`)).toHaveAttribute("data-survives", "yes");
    await expect(report.getByTestId(`drill-route-${HOME}`)).toHaveAttribute("data-survives", "yes");
    await expect(report.getByTestId(`drill-away-${APP}`)).toContainText("tunnel");
    await expect(report.getByTestId(`drill-away-${HOME}`)).toHaveCount(0);
    await expect(report.getByTestId(`drill-service-${hp.serviceName}`)).toContainText("image: yes");
    await shoot(page, "drill-report");
  } finally {
    await bed!.restoreEdgeLink();
  }
  await page.goto(`/routes/${routeIds.app}`);
  await waitForSides(page, { lan: "up", remote: "up" }, "both sides green again once the edge link is back");
  await expect(page.getByTestId("verdict-sameUrl")).toHaveAttribute("data-status", "pass", { timeout: 30_000 });
});

test("a hand-edited LAN record shows as drift on the DNS page and Apply now repairs it", async ({ page }) => {
  await signIn(page);
  const wrong = "198.51.100.99";
  await bed!.editLanRecordByHand(APP, wrong);
  await page.goto("/dns");
  const drift = page.getByRole("region", { name: "Drift" }).or(page.locator('[aria-labelledby="dns-drift"]'));
  await drift.getByRole("button", { name: "Check now" }).click();
  await expect(drift.getByText(`${APP} A: ${wrong} (expected ${ADDR.lan})`)).toBeVisible({ timeout: 30_000 });

  await page.goto(`/routes/${routeIds.app}`);
  await page.getByRole("button", { name: "Apply now" }).click();
  await expect(page.getByTestId("route-part-lan-dns")).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
  await until(async () => (await bed!.digLan(APP)).join() === ADDR.lan, "the LAN record to be back on the proxy address");
  await page.goto("/dns");
  await drift.getByRole("button", { name: "Check now" }).click();
  await expect(drift.getByText("No drift")).toBeVisible({ timeout: 30_000 });
});
