// Container console end to end: enroll a host and run the real agent (as e2e/08 does), deploy a
// busybox httpd, open its console from the service page, type `echo hello-console` and see the
// output, interrupt a command with Ctrl-C, end the session with exit; the inspect view shows the
// container and copies as JSON. Desktop, phone and dark screenshots.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { buildBusyboxImage } from "../test/agents/helpers/docker";
import { startAgent, type AgentProcess } from "../test/agents/helpers/agent-process";
import { docker, fillService, signIn, trackPageErrors, shoot } from "./helpers";

const run = promisify(execFile);
const HOST = "e2e-console-host";
const SERVICE = "e2e-console";
const SERVICE_LABEL = "homeport.service-id";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let image: string | undefined;
let agent: AgentProcess | undefined;
let stateDir: string | undefined;
let serviceId: string | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: 240_000 });
  image = await buildBusyboxImage(`homeport-test/busybox:e2e-console-${process.pid}-${Date.now().toString(36)}`);
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

test("an admin opens a console on a running service, runs a command and inspects the container", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // A host with a real agent.
  await page.goto("/hosts");
  await page.getByRole("button", { name: "Add host" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add a host" });
  await dialog.getByLabel("Host name").fill(HOST);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const enrolled = page.getByRole("dialog", { name: `Enroll ${HOST}` });
  const command = (await enrolled.getByTestId("enroll-command").first().textContent()) ?? "";
  const token = /--token (\S+)/.exec(command)?.[1];
  expect(token, `a token in "${command}"`).toMatch(/^hpe_/);
  await enrolled.getByRole("button", { name: "Done" }).click();
  stateDir = mkdtempSync(join(tmpdir(), "homeport-e2e-console-"));
  agent = startAgent(["--server", baseURL!, "--token", token!, "--state-dir", stateDir]);
  const row = page.getByTestId("host-row").filter({ hasText: HOST });
  await expect(row.getByTestId("host-status"), `agent output:\n${agent.output()}`).toHaveAttribute("data-online", "true", { timeout: 30_000 });

  // A running service on it.
  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: image!, containerPort: "8080" });
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
  expect(serviceId).toBeTruthy();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByTestId("latest-deployment"), `agent output:\n${agent.output()}`).toContainText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("container-state")).toHaveAttribute("data-state", "running");

  // The console, from the service page.
  await page.getByTestId("console-link").click();
  await expect(page.getByRole("heading", { name: `Console: ${SERVICE}` })).toBeVisible();
  await expect(page.getByTestId("console-status")).toHaveText("Not connected.");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByTestId("console-status")).toContainText("Connected to", { timeout: 20_000 });
  const terminal = page.getByTestId("console-terminal");
  await terminal.click();
  await page.keyboard.type("echo hello-console");
  await page.keyboard.press("Enter");
  // The command line echoes the text too; the output is a row of its own.
  const outputRow = terminal.locator(".xterm-rows > div").filter({ hasText: /^\s*hello-console\s*$/ });
  await expect(outputRow).toHaveCount(1, { timeout: 10_000 });
  await shoot(page, "console", { dark: true });

  // Ctrl-C interrupts a running command; the shell stays.
  await terminal.click();
  await page.keyboard.type("sleep 600");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+C");
  await page.keyboard.type("echo after-$((6*7))");
  await page.keyboard.press("Enter");
  await expect(terminal.locator(".xterm-rows > div").filter({ hasText: /^\s*after-42\s*$/ })).toHaveCount(1, { timeout: 10_000 });

  // exit ends the session, and says so.
  await page.keyboard.type("exit");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Session ended: the process exited \(exit code 0\)/)).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeEnabled();

  // Inspect: state, networks, env with values for this admin; copy as JSON.
  const inspect = page.getByTestId("container-inspect");
  await expect(inspect).toBeVisible({ timeout: 15_000 });
  await expect(inspect.getByRole("heading", { name: /Networks/ })).toBeVisible();
  await expect(inspect).toContainText("running");
  await expect(page.getByRole("button", { name: "Copy as JSON" })).toBeVisible();
  await inspect.scrollIntoViewIfNeeded();
  await shoot(page, "console-inspect");

  expect(errors, "errors in the browser console").toEqual([]);
});
