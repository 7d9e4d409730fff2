// Swarm end to end: the engine joins a single-node swarm on loopback (left again afterwards if this
// spec started it), a host enrolled from the Hosts page says "Swarm manager", a service switched to
// Swarm mode in its Swarm panel (2 replicas, a placement constraint) deploys, the panel shows the
// tasks per node live, and Scale takes it to 3.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { docker, fillService, freePort, shoot, signIn, trackPageErrors } from "./helpers";
import { agentBed } from "./agent-bed";

const run = promisify(execFile);
const HOST = "e2e-swarm";
const SERVICE = "e2e-swarm-web";
const CONVERGE_MS = 90_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const bed = agentBed("swarm");
let initialised = false;

test.beforeAll(async () => {
  const state = (await docker("info", "--format", "{{.Swarm.LocalNodeState}}")).trim();
  if (state === "inactive") {
    await run("docker", ["swarm", "init", "--advertise-addr", "127.0.0.1"], { timeout: 60_000 });
    initialised = true;
  }
});

test.afterAll(async () => {
  const ids = await docker("service", "ls", "-q", "--filter", `name=${SERVICE}`).catch(() => "");
  for (const id of ids.split("\n").filter(Boolean)) await docker("service", "rm", id).catch(() => undefined);
  if (initialised) await run("docker", ["swarm", "leave", "--force"], { timeout: 60_000 }).catch(() => undefined);
});

test("a Swarm manager takes a service as a Swarm service; the panel shows tasks and scales it", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  await bed.enroll(page, baseURL!, HOST);

  await page.getByTestId("host-row").filter({ hasText: HOST }).getByRole("link", { name: HOST }).click();
  await expect(page.getByRole("heading", { name: HOST })).toBeVisible();
  await expect(page.getByText("Swarm manager")).toBeVisible();
  await shoot(page, "26-swarm-host");

  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: bed.image, containerPort: "8080", hostPort: String(await freePort()) });
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();

  const settings = page.getByRole("form", { name: "Swarm settings" });
  await settings.getByLabel("Run as").selectOption("swarm");
  await settings.getByLabel("Replicas").fill("2");
  await settings.getByLabel("Placement constraints").fill("node.role == manager");
  await settings.getByRole("button", { name: "Save Swarm settings" }).click();
  await expect(page.getByRole("heading", { name: "Swarm service" })).toBeVisible();
  await expect(page.getByText("Not deployed on the swarm yet")).toBeVisible();

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByText("2 / 2 running")).toBeVisible({ timeout: CONVERGE_MS });
  await expect(page.getByRole("region", { name: /^Tasks on / })).toBeVisible();

  await page.getByRole("form", { name: "Scale" }).getByLabel("Replicas").fill("3");
  await page.getByRole("form", { name: "Scale" }).getByRole("button", { name: "Scale" }).click();
  await expect(page.getByText(/Scaling from 2 to 3/)).toBeVisible();
  await expect(page.getByText("3 / 3 running")).toBeVisible({ timeout: CONVERGE_MS });
  await shoot(page, "26-swarm-panel");
  await shoot(page, "26-swarm-panel-dark", { dark: true });
  expect(errors).toEqual([]);
});
