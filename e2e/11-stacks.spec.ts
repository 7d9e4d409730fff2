// Stacks end to end, against a real Docker engine and a real agent: enroll a host from the Hosts
// page, paste a two-service Compose file (busybox test image; web depends on a healthy db) and see
// it checked as it is typed (a problem's line is a click away), create the stack, review the plan,
// apply it and watch each step turn green without a reload, read the stack's logs, open web's own
// page and read its logs there, then remove the stack with the volumes box left unticked (the named
// volume stays).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { buildBusyboxImage } from "../test/agents/helpers/docker";
import { startAgent, type AgentProcess } from "../test/agents/helpers/agent-process";
import { ADMIN, docker, freePort, readSetupCode, signIn, trackPageErrors, shoot } from "./helpers";

const run = promisify(execFile);
const HOST = "e2e-stacks-host";
const STACK = "e2e-stk";
const STACK_LABEL = "homeport.stack";

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

let image: string | undefined;
let agent: AgentProcess | undefined;
let stateDir: string | undefined;



const lines = (s: string) => s.split("\n").filter(Boolean);

/** Everything Docker holds for the stack: its containers, named volumes and networks. */
async function stackResources(): Promise<{ containers: string[]; volumes: string[]; networks: string[] }> {
  const filter = `label=${STACK_LABEL}=${STACK}`;
  return {
    containers: lines(await docker("ps", "-a", "--filter", filter, "--format", "{{.Names}}")),
    volumes: lines(await docker("volume", "ls", "-q", "--filter", filter)),
    networks: lines(await docker("network", "ls", "-q", "--filter", filter)),
  };
}

async function removeStackResources(): Promise<void> {
  const r = await stackResources().catch(() => ({ containers: [], volumes: [], networks: [] }));
  for (const c of r.containers) await docker("rm", "-f", c).catch(() => undefined);
  for (const n of r.networks) await docker("network", "rm", n).catch(() => undefined);
  for (const v of r.volumes) await docker("volume", "rm", "-f", v).catch(() => undefined);
}

/** Signs in; when this file runs on its own (a fresh data directory), creates the admin first. */
async function signInOrSetUp(page: Page): Promise<void> {
  await page.goto("/login");
  if (!/\/setup$/.test(page.url())) return signIn(page);
  await page.getByLabel("Setup code").fill(readSetupCode());
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** db serves a page once it has slept a little (so its health gate is visible); web serves what it fetched from db. */
function composeFile(): string {
  return `services:
  db:
    image: \${IMAGE:?set IMAGE in the .env}
    command: ["sh", "-c", "echo db is starting; sleep 2; mkdir -p /www && echo db-ok > /www/index.html && echo db ready; exec httpd -f -p 8080 -h /www"]
    volumes:
      - data:/data
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 20
  web:
    image: \${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && wget -q -O /www/index.html http://db:8080/ && echo web says hello && exec httpd -f -p 8080 -h /www"]
    ports:
      - "127.0.0.1:\${WEB_PORT}:8080"
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 20
volumes:
  data:
`;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: 240_000 });
  await removeStackResources();
  image = await buildBusyboxImage(`homeport-test/busybox:e2e-stacks-${process.pid}-${Date.now().toString(36)}`);
});

test.afterAll(async () => {
  await agent?.kill("SIGTERM");
  await removeStackResources();
  if (image) await docker("rmi", "-f", image).catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

test("paste a Compose file, review the plan, apply it live, read a service's logs, remove the stack", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signInOrSetUp(page);

  // A host with a real agent, enrolled the way an operator does it.
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
  stateDir = mkdtempSync(join(tmpdir(), "homeport-e2e-stacks-agent-"));
  agent = startAgent(["--server", baseURL!, "--token", token!, "--state-dir", stateDir]);
  const hostRow = page.getByTestId("host-row").filter({ hasText: HOST });
  await expect(hostRow.getByTestId("host-status"), `agent output:\n${agent.output()}`).toHaveAttribute("data-online", "true", { timeout: 30_000 });

  // No stacks yet: the empty state leads to a new one.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stacks" }).click();
  await expect(page.getByRole("heading", { name: "No stacks yet" })).toBeVisible();
  await page.getByRole("link", { name: "New stack" }).click();
  await expect(page.getByRole("heading", { name: "New stack" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(STACK);
  await page.getByLabel("Host", { exact: true }).selectOption({ label: HOST });

  // The file alone: IMAGE is required and unset, so the check names its line.
  const compose = composeFile();
  const composeBox = page.getByRole("textbox", { name: "Compose file" });
  await composeBox.fill(compose);
  const check = page.getByTestId("stack-validation");
  const imageLine = compose.split("\n").findIndex((l) => l.includes("IMAGE:?")) + 1;
  const problem = check.getByTestId("stack-error").filter({ hasText: "set IMAGE in the .env" });
  await expect(problem).toHaveAttribute("data-line", String(imageLine));
  // Keyboard only: the problem's line button puts the caret on that line of the editor.
  await problem.getByRole("button", { name: `Line ${imageLine}: go to the line` }).focus();
  await page.keyboard.press("Enter");
  await expect(composeBox).toBeFocused();
  const caret = await composeBox.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
  expect(compose.slice(caret).split("\n")[0]).toContain("IMAGE:?");
  await shoot(page, "stack-new-problem", { dark: true });

  // With the .env: no problems; the services it runs and the variables it uses.
  const webPort = await freePort();
  await page.getByRole("textbox", { name: ".env file" }).fill(`IMAGE=${image}\nWEB_PORT=${webPort}\n`);
  await expect(check).toHaveAttribute("data-ok", "true", { timeout: 10_000 });
  await expect(check).toContainText("No problems: 2 services");
  await expect(check.getByTestId("validated-service").filter({ hasText: "web" })).toContainText("depends on db");
  await expect(check.getByTestId("validated-service").filter({ hasText: "web" })).toContainText(`127.0.0.1:${webPort}→8080/tcp`);
  await expect(check.getByTestId("validated-variable").filter({ hasText: "IMAGE" }).first()).toHaveAttribute("data-set", "true");
  await shoot(page, "stack-new-valid", { dark: true });

  // Create: the stack's page, with the plan (db first, then web) and nothing applied yet.
  await page.getByRole("button", { name: "Create stack" }).click();
  await expect(page.getByRole("heading", { name: STACK, level: 1 })).toBeVisible();
  const stackUrl = page.url();
  expect(stackUrl).toMatch(/\/stacks\/[a-z0-9]+$/i);
  await expect(page.getByTestId("stack-pending").first()).toBeVisible();
  const plan = page.getByTestId("stack-plan");
  await expect(plan.getByTestId("plan-step")).toHaveCount(2);
  await expect(plan.getByTestId("plan-step").nth(0)).toHaveAttribute("data-key", "db");
  await expect(plan.getByTestId("plan-step").nth(0)).toHaveAttribute("data-action", "create");
  await expect(plan.getByTestId("plan-step").nth(1)).toHaveAttribute("data-key", "web");
  await expect(plan.getByTestId("plan-group")).toHaveCount(2);
  await expect(plan).toContainText("2 to create");

  // Apply, and record every state each step shows, to prove the steps move while we watch.
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __steps: typeof seen }).__steps = seen;
    const note = () => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="rollout-step"]')) {
        const key = el.dataset.key!;
        const list = (seen[key] ??= []);
        if (list.at(-1) !== el.dataset.status) list.push(el.dataset.status!);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
  });
  await plan.getByRole("button", { name: "Apply", exact: true }).click();
  const rollout = page.getByTestId("stack-rollout");
  const step = (key: string) => rollout.getByTestId("rollout-step").and(page.locator(`[data-key="${key}"]`));
  await expect(step("db"), `agent output:\n${agent.output()}`).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });
  await expect(step("web"), `agent output:\n${agent.output()}`).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });
  await expect(rollout).toHaveAttribute("data-status", "succeeded");
  await expect(rollout).toContainText("2 of 2 steps done");
  const seen = await page.evaluate(() => (window as unknown as { __steps: Record<string, string[]> }).__steps);
  expect(seen.db?.at(-1)).toBe("succeeded");
  expect(seen.web?.at(-1)).toBe("succeeded");
  // web waited for db's health gate: it was pending (or running) before it turned green.
  expect(seen.web!.length, `web's states: ${seen.web!.join(" → ")}`).toBeGreaterThan(1);
  expect(seen.web![0]).toMatch(/pending|running/);

  // Live, with no reload: services running and healthy, nothing left to apply, version 1 applied.
  const services = page.getByTestId("stack-services");
  await expect(services.getByRole("link", { name: "web", exact: true })).toBeVisible();
  await expect(page.getByTestId("stack-service-state").and(page.locator('[data-state="running"]'))).not.toHaveCount(0);
  await expect(page.getByTestId("stack-pending")).toHaveCount(0);
  await expect(page.getByTestId("stack-status").first()).toHaveAttribute("data-status", "Running", { timeout: 20_000 });
  await expect(plan.getByTestId("plan-step").and(page.locator('[data-action="unchanged"]'))).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId("stack-version").first()).toHaveAttribute("data-applied", "true");
  const res = await fetch(`http://127.0.0.1:${webPort}/`);
  expect(await res.text(), "web serves what it fetched from db over the stack's network").toContain("db-ok");
  await shoot(page, "stack-applied", { dark: true });

  // The stack's logs: every service's lines, tagged; then one service's.
  const stackLogs = page.getByTestId("stack-logs");
  await expect(stackLogs).toContainText("web web says hello", { timeout: 20_000 });
  await expect(stackLogs).toContainText("db db ready");
  await page.getByRole("combobox", { name: "Service" }).selectOption("db");
  await expect(stackLogs).not.toContainText("web says hello");
  await expect(stackLogs).toContainText("db db is starting");

  // web's own page: managed by the stack, read-only, and its logs.
  await services.getByRole("link", { name: "web", exact: true }).click();
  await expect(page.getByRole("heading", { name: `${STACK}-web` })).toBeVisible();
  await expect(page.getByText(`Managed by stack ${STACK}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByTestId("service-logs")).toContainText("web says hello", { timeout: 20_000 });
  await page.getByRole("link", { name: `Open stack ${STACK}` }).click();
  await expect(page.getByRole("heading", { name: STACK, level: 1 })).toBeVisible();

  // Edit one variable of web and save: nothing runs yet; the plan recreates web alone, saying why.
  const editBox = page.getByRole("textbox", { name: "Compose file" });
  await expect(page.getByRole("textbox", { name: ".env file" })).toHaveValue(new RegExp(`WEB_PORT=${webPort}`));
  await editBox.fill(compose.replace("  web:\n    image: ${IMAGE}\n", "  web:\n    image: ${IMAGE}\n    environment:\n      GREETING: hi\n"));
  await expect(page.getByTestId("stack-edit").getByTestId("stack-validation")).toHaveAttribute("data-ok", "true", { timeout: 10_000 });
  await page.getByRole("button", { name: "Save file" }).click();
  await expect(page.getByTestId("stack-pending").first()).toBeVisible();
  const webPlan = plan.getByTestId("plan-step").and(page.locator('[data-key="web"]'));
  await expect(webPlan).toHaveAttribute("data-action", "recreate");
  await expect(webPlan).toContainText("environment (GREETING)");
  await expect(plan.getByTestId("plan-step").and(page.locator('[data-key="db"]'))).toHaveAttribute("data-action", "unchanged");

  // Apply it: only web is rolled out again; version 2 is applied.
  await plan.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(rollout).toContainText("Rollout of version 2");
  await expect(step("web")).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });
  await expect(step("db")).toHaveAttribute("data-status", "unchanged");
  await expect(page.getByTestId("stack-version").first()).toHaveAttribute("data-version", "2");
  await expect(page.getByTestId("stack-version").first()).toHaveAttribute("data-applied", "true", { timeout: 20_000 });

  // Roll back to version 1 (confirmed): web is recreated without GREETING, recorded as version 3.
  await page.getByTestId("stack-version").and(page.locator('[data-version="1"]')).getByRole("button", { name: "Roll back to this version" }).click();
  await page.getByRole("dialog", { name: "Roll back to version 1?" }).getByRole("button", { name: "Roll back" }).click();
  await expect(rollout).toContainText("Rollout of version 3");
  await expect(rollout).toHaveAttribute("data-status", "succeeded", { timeout: 90_000 });
  await expect(editBox).toHaveValue(compose);
  await expect(page.getByTestId("stack-version").first()).toHaveAttribute("data-version", "3");
  expect(await (await fetch(`http://127.0.0.1:${webPort}/`)).text(), "web serves again after its rollback").toContain("db-ok");

  // Remove, keeping the named volume: the box is unticked unless the user ticks it.
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  const remove = page.getByRole("dialog", { name: `Remove stack “${STACK}”?` });
  await expect(remove.getByRole("checkbox", { name: /Also delete named volumes/ })).not.toBeChecked();
  await remove.getByRole("button", { name: "Remove stack", exact: true }).click();
  await expect(page).toHaveURL(/\/stacks$/);
  await expect(page.getByRole("heading", { name: "No stacks yet" })).toBeVisible();
  const left = await stackResources();
  expect(left.containers, "the stack's containers are gone").toEqual([]);
  expect(left.networks, "the stack's network is gone").toEqual([]);
  expect(left.volumes, "the named volume stays (the box was not ticked)").toEqual([`${STACK}_data`]);

  // Docker adds and removes the stack's bridge interface on this machine; Chromium then aborts a
  // request in flight with ERR_NETWORK_CHANGED (the query retries). That is the test bed, not the page.
  expect(errors.filter((e) => !e.includes("net::ERR_NETWORK_CHANGED")), "errors in the browser console").toEqual([]);
});
