// Container console end to end: enroll a host and run the real agent (as e2e/08 does), deploy a
// busybox httpd, open its console from the service page, type `echo hello-console` and see the
// output, interrupt a command with Ctrl-C, end the session with exit; the inspect view shows the
// container and copies as JSON. Desktop, phone and dark screenshots.
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { docker, fillService, signIn, trackPageErrors, shoot } from "./helpers";

const HOST = "e2e-console-host";
const SERVICE = "e2e-console";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const bed = agentBed("console");

test("an admin opens a console on a running service, runs a command and inspects the container", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // A host with a real agent.
  const agent = await bed.enroll(page, baseURL!, HOST);

  // A running service on it.
  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: bed.image, containerPort: "8080" });
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  const serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
  if (serviceId) bed.removeOnExit(serviceId);
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
  // Only once sleep runs: a Ctrl-C that reaches the shell while it is still starting the command is
  // ignored by the shell (it is not the foreground job yet), and sleep would then run on.
  const container = (await docker("ps", "-q", "--filter", `label=homeport.service-id=${serviceId}`, "--filter", "status=running")).split("\n")[0]!;
  await expect.poll(async () => (await docker("top", container)).includes("sleep 600"), { timeout: 10_000, message: "sleep is running in the container" }).toBe(true);
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
