// Image updates in the browser against a real agent and Debian's docker-registry on loopback: the
// Updates page says the job is off (and what that guarantees); Settings turns it on; Check now finds
// the service up to date; a new image pushed under the same tag shows as an update with its age (and
// a badge on the service page); Apply (confirmed) rolls it out until it is up to date again; with
// the registry stopped, Check now says it was unreachable and that nothing changed. Then the setting
// goes back off and the service is removed.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { docker, freePort, signIn, shoot, trackPageErrors, csrfToken } from "./helpers";

const run = promisify(execFile);
const HOST = "e2e-updates-host";
const SERVICE = "e2e-upd-web";
const ROLLOUT_MS = 90_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const bed = agentBed("updates");
let registry: ChildProcess | null = null;
let dir = "";

test.afterAll(async () => {
  registry?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("updates: off by default, checked on demand, applied through the rollout, unreachable said plainly", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  await bed.enroll(page, baseURL!, HOST);
  const csrf = await csrfToken(page.request);

  // A registry on loopback holding the bed's image as e2e-upd/app:1.
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), "homeport-e2e-registry-"));
  writeFileSync(join(dir, "config.yml"), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  registry = spawn("/usr/bin/docker-registry", ["serve", join(dir, "config.yml")], { stdio: "ignore" });
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/v2/`).catch(() => null))?.status, { timeout: 15_000 }).toBe(200);
  const image = `127.0.0.1:${port}/e2e-upd/app:1`;
  await docker("tag", bed.image, image);
  await docker("push", image);
  bed.onExit(() => docker("rmi", "-f", image));

  const hosts = (await (await page.request.get("/api/v1/hosts")).json()) as { items: { id: string; name: string }[] };
  const hostId = hosts.items.find((h) => h.name === HOST)!.id;
  const created = await page.request.post("/api/v1/services", {
    headers: { "x-csrf-token": csrf },
    data: { name: SERVICE, image, hostId, command: ["sh", "-c", "mkdir -p /www && echo v && exec httpd -f -p 8080 -h /www"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const serviceId = ((await created.json()) as { id: string }).id;
  bed.removeOnExit(serviceId);
  const deployed = await page.request.post(`/api/v1/services/${serviceId}/deploy`, { headers: { "x-csrf-token": csrf }, data: {} });
  expect(deployed.status(), await deployed.text()).toBe(202);

  // Off: the page says so and offers no check.
  await page.goto("/updates");
  await expect(page.getByText("Off — Homeport never asks registries until you turn this on")).toBeVisible();
  await expect(page.getByRole("button", { name: "Check now" })).toHaveCount(0);
  await shoot(page, "updates-off");

  // Settings: turn it on.
  await page.goto("/settings");
  const section = page.locator("#image-updates");
  await section.getByLabel("Check for newer images").check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Homeport checks for newer images every 24 h" })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shoot(page, "updates-settings");

  // Check now: the service runs the tag's image.
  await page.goto("/updates");
  const others = page.getByRole("region", { name: "Everything else" });
  await expect.poll(async () => {
    await page.getByRole("button", { name: "Check now" }).click();
    await expect(page.getByRole("button", { name: "Check now" })).toBeEnabled();
    return (await others.getByTestId("update-other").filter({ hasText: SERVICE }).textContent({ timeout: 1_000 }).catch(() => null)) ?? "";
  }, { timeout: 30_000, message: "the running container's digest to be known and the tag checked" }).toContain("Up to date");
  await expect(page.getByText("Everything runs the newest image of its tag")).toBeVisible();

  // A new image under the same tag: an update, with its age, and a badge on the service page.
  const ctx = mkdtempSync(join(tmpdir(), "homeport-e2e-upd-ctx-"));
  writeFileSync(join(ctx, "Dockerfile"), `FROM ${bed.image}\nLABEL homeport.e2e.update="2"\n`);
  await run("docker", ["build", "-q", "-t", image, ctx], { timeout: 60_000 });
  rmSync(ctx, { recursive: true, force: true });
  await docker("push", image);
  await page.getByRole("button", { name: "Check now" }).click();
  const available = page.getByRole("region", { name: "Available updates" });
  const row = available.getByTestId("update-row").filter({ hasText: SERVICE });
  await expect(row).toContainText(/built (just now|\d+ (second|minute)s? ago)/);
  await expect(row).toContainText("e2e-upd/app:1");
  await shoot(page, "updates-available", { dark: true });
  await page.goto(`/services/${serviceId}`);
  await expect(page.getByRole("link", { name: "Update available" })).toBeVisible();

  // Apply, confirmed: the rollout replaces the container; the page follows it live.
  await page.goto("/updates");
  await available.getByRole("button", { name: `Apply the update to service ${SERVICE}` }).click();
  const dialog = page.getByRole("dialog", { name: `Update ${SERVICE}?` });
  await expect(dialog).toContainText("removed only once the new one is healthy");
  await dialog.getByRole("button", { name: "Update" }).click();
  // Docker's bridge changes (the agent creating containers) can drop the browser's request with no
  // answer (net::ERR_NETWORK_CHANGED, see helpers.ts): then the dialog says so, and Update is pressed
  // again (a rollout the first press did start answers 409 "already under way").
  await expect.poll(async () => {
    if (await dialog.getByText("Homeport could not be reached").isVisible()) await dialog.getByRole("button", { name: "Update" }).click();
    else if (await dialog.getByText(/already under way/).isVisible()) await dialog.getByRole("button", { name: "Cancel" }).click();
    return (await others.getByTestId("update-other").filter({ hasText: SERVICE }).textContent({ timeout: 1_000 }).catch(() => null)) ?? "";
  }, { timeout: ROLLOUT_MS, intervals: [1_000], message: "the update to roll out" }).toContain("Up to date");
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Everything runs the newest image of its tag")).toBeVisible();

  // The registry goes away: the check says so, and nothing else changes.
  registry.kill("SIGTERM");
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/v2/`).catch(() => null))?.status ?? 0, { timeout: 10_000 }).toBe(0);
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText(/Registry unreachable at \d{1,2}:\d{2}( [AP]M)?: nothing changed/)).toBeVisible();
  await expect(others.getByTestId("update-other").filter({ hasText: SERVICE })).toContainText("Up to date");
  await shoot(page, "updates-unreachable", { dark: true });

  // Give the lab back: the setting off, the service gone.
  const off = await page.request.patch("/api/v1/settings", { headers: { "x-csrf-token": csrf }, data: { imageUpdatesEnabled: false } });
  expect(off.status(), await off.text()).toBe(200);
  const del = await page.request.delete(`/api/v1/services/${serviceId}?container=true`, { headers: { "x-csrf-token": csrf } });
  expect(del.status(), await del.text()).toBeLessThan(300);
  expect(errors).toEqual([]);
});
