// Proving ground → Game days in the browser with a real agent: a service of the e2e lab is deployed,
// a "Service killed" game day is planned (the blast radius names the service) and started; the page
// leads with the countdown and Abort while the container is really stopped; Abort brings it back
// and the result page shows the game day aborted with its timeline; the history lists it.
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { docker, fillService, signIn, shoot, trackPageErrors } from "./helpers";

const HOST = "e2e-gameday-host";
const SERVICE = "e2e-gameday-web";
const STOPPED_TIMEOUT_MS = 30_000;
const END_TIMEOUT_MS = 45_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const bed = agentBed("gamedays");

const running = async (serviceId: string) => (await docker("ps", "-q", "--filter", `label=homeport.service-id=${serviceId}`, "--filter", "status=running")).trim();

test("a service killed on purpose: plan, start, see it running, abort, read the result", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // A service of the lab on a real agent.
  const agent = await bed.enroll(page, baseURL!, HOST);
  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: bed.image, containerPort: "8080" });
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  const serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
  expect(serviceId).toBeTruthy();
  bed.removeOnExit(serviceId!);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByTestId("latest-deployment"), `agent output:\n${agent.output()}`).toContainText("succeeded", { timeout: 60_000 });
  expect(await running(serviceId!)).not.toBe("");

  // Proving ground → Game days.
  await page.goto("/proving");
  await page.getByRole("navigation", { name: "Proving ground" }).getByRole("link", { name: "Game days" }).click();
  await expect(page).toHaveURL(/\/proving\/game-days$/);
  await page.getByTestId("gameday-new-button").click();
  const form = page.getByTestId("gameday-new");
  await form.getByRole("radio", { name: /Service killed/ }).check();
  await form.getByLabel("Service", { exact: true }).selectOption({ label: `${SERVICE} on ${HOST}` });
  await form.getByRole("button", { name: "1 min" }).click();
  await form.getByTestId("gameday-preview").click();

  // The blast radius, as the confirmation.
  await expect(form.getByTestId("gameday-summary")).toContainText(`Service ${SERVICE} killed for 1 min`);
  await expect(form.getByTestId("gameday-prediction").filter({ hasText: SERVICE })).toContainText("down");
  await expect(form.getByTestId("gameday-blockers")).toHaveCount(0);
  await shoot(page, "gameday-plan", { dark: true });
  await form.getByTestId("gameday-start").click();

  // Running: the countdown and Abort lead; the container is really stopped.
  await expect(page).toHaveURL(/\/proving\/game-days\/[a-z0-9]+$/);
  const banner = page.getByTestId("gameday-running");
  await expect(banner).toContainText("Game day in progress");
  await expect(banner.getByTestId("gameday-countdown")).toHaveText(/^[01]:\d\d$/);
  await expect.poll(() => running(serviceId!), { timeout: STOPPED_TIMEOUT_MS, message: `agent output:\n${agent.output()}` }).toBe("");
  await expect(page.getByTestId("gameday-timeline")).toContainText(`${HOST} applied the fault`);
  await shoot(page, "gameday-running", { phoneTop: true });

  // Abort: the agent starts it again; the game day ends aborted.
  await banner.getByTestId("gameday-abort").click();
  await expect(page.getByTestId("gameday-status")).toHaveText("aborted", { timeout: END_TIMEOUT_MS });
  await expect(page.getByTestId("gameday-running")).toHaveCount(0);
  await expect.poll(() => running(serviceId!), { timeout: STOPPED_TIMEOUT_MS }).not.toBe("");
  const timeline = page.getByTestId("gameday-timeline");
  await expect(timeline).toContainText("Aborted by admin");
  await expect(timeline).toContainText(`${HOST} reverted`);
  await expect(page.getByTestId("gameday-outcome-row").filter({ hasText: SERVICE })).toBeVisible();
  await shoot(page, "gameday-result", { dark: true });

  // The history lists it.
  await page.getByRole("link", { name: "All game days" }).click();
  const row = page.getByTestId("gameday-row").first();
  await expect(row).toContainText(`Service ${SERVICE} killed`);
  await expect(row).toContainText("aborted");
  await shoot(page, "gameday-history");
  expect(errors).toEqual([]);
});
