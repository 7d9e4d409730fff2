// Agents end to end, against a real Docker engine: enroll a host from the Hosts page with the
// one-time token the dialog shows, run the real agent (agents/main.ts) as a child process, place a
// busybox httpd service on it and deploy it from the service page, then `docker kill` its
// container and see the UI say "exited" within 2 s; kill the agent and see the host turn
// "unknown" (never "down").
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { buildBusyboxImage } from "../test/agents/helpers/docker";
import { startAgent, type AgentProcess } from "../test/agents/helpers/agent-process";
import { docker, fillService, freePort, SHOTS, signIn, trackPageErrors, shoot } from "./helpers";

const run = promisify(execFile);
const HOST = "e2e-agent";
const SERVICE = "e2e-httpd";
const SERVICE_LABEL = "homeport.service-id";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let image: string | undefined;
let agent: AgentProcess | undefined;
let stateDir: string | undefined;
let serviceId: string | undefined;



async function stopAgent(signal: NodeJS.Signals): Promise<void> {
  await agent?.kill(signal);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: 240_000 });
  image = await buildBusyboxImage(`homeport-test/busybox:e2e-${process.pid}-${Date.now().toString(36)}`);
});

test.afterAll(async () => {
  await stopAgent("SIGTERM");
  if (serviceId) {
    const ids = await docker("ps", "-aq", "--filter", `label=${SERVICE_LABEL}=${serviceId}`).catch(() => "");
    for (const id of ids.split("\n").filter(Boolean)) await docker("rm", "-f", id).catch(() => undefined);
  }
  if (image) await docker("rmi", "-f", image).catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

test("enroll an agent, deploy a service, see a killed container and a gone agent live", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // Enrollment: the dialog shows the one-time token inside the exact command to run.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
  await expect(page.getByRole("heading", { name: "No hosts yet" })).toBeVisible();
  await expect(page.getByText("Add a host to get a one-time token")).toBeVisible();
  await page.getByRole("button", { name: "Add host" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a host" });
  await dialog.getByLabel("Host name").fill(HOST);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const enrolled = page.getByRole("dialog", { name: `Enroll ${HOST}` });
  const command = (await enrolled.getByTestId("enroll-command").first().textContent()) ?? "";
  expect(command).toContain(`--server ${baseURL}`);
  const token = /--token (\S+)/.exec(command)?.[1];
  expect(token, `a token in "${command}"`).toMatch(/^hpe_/);
  await page.screenshot({ path: `${SHOTS}/enroll-dialog-desktop.png` });
  await enrolled.getByRole("button", { name: "Done" }).click();
  await expect(enrolled).toBeHidden();

  // The real agent, as an operator would run it; the host shows up online without a reload.
  stateDir = mkdtempSync(join(tmpdir(), "homeport-e2e-agent-"));
  agent = startAgent(["--server", baseURL!, "--token", token!, "--state-dir", stateDir]);
  const row = page.getByTestId("host-row").filter({ hasText: HOST });
  await expect(row.getByTestId("host-status"), `agent output:\n${agent.output()}`).toHaveAttribute("data-online", "true", { timeout: 30_000 });
  await expect(row.getByTestId("host-status")).toContainText("online");

  // The host page: status, facts, containers.
  await row.getByRole("link", { name: HOST }).click();
  await expect(page.getByRole("heading", { name: HOST })).toBeVisible();
  await expect(page.getByTestId("host-status")).toContainText("online");
  await expect(page.getByRole("heading", { name: "Containers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke" })).toBeVisible();

  // A busybox httpd service on that host, deployed from its page.
  const hostPort = await freePort();
  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: image!, containerPort: "8080", hostPort: String(hostPort) });
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
  expect(serviceId).toBeTruthy();

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByTestId("latest-deployment"), `agent output:\n${agent.output()}`).toContainText("succeeded", { timeout: 60_000 });
  const state = page.getByTestId("container-state");
  await expect(state).toHaveAttribute("data-state", "running");
  await expect(page.getByTestId("deployment-history")).toContainText("succeeded");
  const res = await fetch(`http://127.0.0.1:${hostPort}/`);
  expect(res.status, "busybox httpd answers on its published port").toBeLessThan(500);

  // Killed outside Homeport: the page shows it within 2 s, with no reload.
  const running = await docker("ps", "-q", "--filter", `label=${SERVICE_LABEL}=${serviceId}`);
  expect(running.split("\n").filter(Boolean)).toHaveLength(1);
  await docker("kill", running);
  await expect(state).toHaveAttribute("data-state", "exited", { timeout: 2_000 });
  await expect(state).toContainText("exited");
  await shoot(page, "service-agent", { phoneTop: true });

  // The agent goes away: the host is "unknown · last seen …", never "down".
  await page.goto("/hosts");
  await expect(row.getByTestId("host-status")).toHaveAttribute("data-online", "true");
  await stopAgent("SIGKILL");
  await expect(row.getByTestId("host-status")).toHaveAttribute("data-online", "false", { timeout: 10_000 });
  await expect(row.getByTestId("host-status")).toContainText("unknown");
  await expect(row.getByTestId("host-status")).toContainText("last seen");
  await expect(page.getByText(/\bdown\b/i)).toHaveCount(0);
  await shoot(page, "hosts-agent", { phoneTop: true });

  await row.getByRole("link", { name: HOST }).click();
  await expect(page.getByTestId("host-status")).toContainText("unknown");
  await expect(page.getByTestId("host-container").filter({ hasText: SERVICE })).toBeVisible();
  await shoot(page, "host-detail", { phoneTop: true });

  expect(errors, "errors in the browser console").toEqual([]);
});
