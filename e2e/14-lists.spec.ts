// The services list with state, against a real engine and agent: one service running, one stopped
// on purpose (a bulk Stop from the list), one whose deploy failed. The list leads with the failure,
// reads "Stopped" (neutral) for the deliberate stop, filters and sorts; deleting a service with
// "Remove its container" ticked leaves no container behind (checked with `docker ps`) and frees its port.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { buildBusyboxImage } from "../test/agents/helpers/docker";
import { startAgent, type AgentProcess } from "../test/agents/helpers/agent-process";
import { docker, freePort, shoot, signIn, trackPageErrors } from "./helpers";

const run = promisify(execFile);
const HOST = "lists-host";
const SERVICE_LABEL = "homeport.service-id";
const httpd = (body: string) => ["sh", "-c", `mkdir -p /www && echo ${body} > /www/index.html && exec httpd -f -p 8080 -h /www`];

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

let image: string | undefined;
let agent: AgentProcess | undefined;
let stateDir: string | undefined;
const ids: Record<string, string> = {};

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await run("bash", [resolve("scripts/ensure-docker.sh")], { timeout: 240_000 });
  image = await buildBusyboxImage(`homeport-test/busybox:e2e-lists-${process.pid}-${Date.now().toString(36)}`);
});

test.afterAll(async () => {
  await agent?.kill("SIGTERM");
  for (const id of Object.values(ids)) {
    const left = await docker("ps", "-aq", "--filter", `label=${SERVICE_LABEL}=${id}`).catch(() => "");
    for (const c of left.split("\n").filter(Boolean)) await docker("rm", "-f", c).catch(() => undefined);
  }
  if (image) await docker("rmi", "-f", image).catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function writeToken(page: Page): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Name", { exact: true }).fill("lists-e2e");
  await page.getByRole("radio", { name: "Write" }).check({ force: true });
  await page.getByRole("button", { name: "Create token" }).click();
  return ((await page.getByTestId("new-token").textContent()) ?? "").trim();
}

async function deployAndSettle(request: APIRequestContext, auth: Record<string, string>, id: string): Promise<string> {
  expect((await request.post(`/api/v1/services/${id}/deploy`, { headers: auth, data: { pull: false } })).status()).toBe(202);
  let status = "pending";
  for (let i = 0; i < 120 && (status === "pending" || status === "running"); i++) {
    await new Promise((r) => setTimeout(r, 500));
    const d = (await (await request.get(`/api/v1/services/${id}/deployments`, { headers: auth })).json()) as { items: { status: string }[] };
    status = d.items[0]?.status ?? "pending";
  }
  return status;
}

test("the services list shows mixed states, filters, sorts, bulk-stops, and deletes a service with its container", async ({ page, request, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // A host with a real agent.
  await page.goto("/hosts");
  await page.getByRole("button", { name: "Add host" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a host" });
  await dialog.getByLabel("Host name").fill(HOST);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const enrolled = page.getByRole("dialog", { name: `Enroll ${HOST}` });
  const command = (await enrolled.getByTestId("enroll-command").first().textContent()) ?? "";
  const token = /--token (\S+)/.exec(command)?.[1];
  await enrolled.getByRole("button", { name: "Done" }).click();
  stateDir = mkdtempSync(join(tmpdir(), "homeport-e2e-lists-"));
  agent = startAgent(["--server", baseURL!, "--token", token!, "--state-dir", stateDir]);
  const hostRow = page.getByTestId("host-row").filter({ hasText: HOST });
  await expect(hostRow.getByTestId("host-status"), `agent output:\n${agent.output()}`).toHaveAttribute("data-online", "true", { timeout: 30_000 });
  const hostId = /\/hosts\/([a-z0-9]+)/i.exec((await hostRow.getByRole("link", { name: HOST }).getAttribute("href")) ?? "")?.[1];
  expect(hostId).toBeTruthy();

  // Three services: web (published port), idle, bad (exits at once: its deploy fails).
  const auth = { authorization: `Bearer ${await writeToken(page)}` };
  const webPort = await freePort();
  const specs = {
    "lists-web": { command: httpd("web"), ports: [{ container: 8080, host: webPort, hostIp: "127.0.0.1" }], tags: ["media"], groupName: "Media" },
    "lists-idle": { command: httpd("idle"), tags: ["tools"] },
    "lists-bad": { command: ["sh", "-c", "echo cannot start >&2; exit 3"] },
  };
  for (const [name, spec] of Object.entries(specs)) {
    const r = await request.post("/api/v1/services", { headers: auth, data: { name, image, hostId, ...spec } });
    expect(r.status(), await r.text()).toBe(201);
    ids[name] = ((await r.json()) as { id: string }).id;
  }
  expect(await deployAndSettle(request, auth, ids["lists-web"]!)).toBe("succeeded");
  expect(await deployAndSettle(request, auth, ids["lists-idle"]!)).toBe("succeeded");
  expect(await deployAndSettle(request, auth, ids["lists-bad"]!)).toBe("failed");

  // Broken first: the failed deploy leads; the others run.
  await page.goto("/services");
  const table = page.getByRole("table");
  const rowOf = (name: string) => table.locator("tbody tr").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(table.locator("tbody tr").first()).toContainText("lists-bad");
  await expect(rowOf("lists-bad").getByTestId("service-state")).toHaveAttribute("data-state", "failed");
  await expect(rowOf("lists-bad").getByTestId("service-state")).toContainText("Deploy failed");
  await expect(rowOf("lists-web").getByTestId("service-state")).toHaveAttribute("data-state", "running", { timeout: 10_000 });
  await expect(rowOf("lists-web")).toContainText(/up \d+ (s|min)/);
  await expect(rowOf("lists-web")).toContainText("#media");

  // A bulk stop of idle: confirmed, reported per service, then shown as a neutral "Stopped".
  await rowOf("lists-idle").getByRole("checkbox", { name: "Select lists-idle" }).check();
  await page.getByRole("toolbar", { name: "Actions on the selected services" }).getByRole("button", { name: "Stop" }).click();
  const confirm = page.getByRole("dialog", { name: "Stop 1 service?" });
  await expect(confirm).toContainText("lists-idle");
  await confirm.getByRole("button", { name: "Stop 1" }).click();
  await expect(page.getByTestId("bulk-outcome")).toContainText("lists-idle: Stopped");
  await expect(rowOf("lists-idle").getByTestId("service-state")).toHaveAttribute("data-state", "stopped", { timeout: 15_000 });
  await expect(rowOf("lists-idle").getByTestId("service-state")).toContainText("Stopped");
  await expect(rowOf("lists-idle").getByTestId("service-state")).not.toContainText("137");
  await shoot(page, "services-list", { dark: true });

  // Filters and sort.
  await page.getByLabel("Filter by state").selectOption("broken");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").first()).toContainText("lists-bad");
  await page.getByLabel("Filter by state").selectOption("");
  await page.getByLabel("Filter by tag").selectOption("media");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.getByLabel("Filter by tag").selectOption("");
  await page.getByLabel("Sort by").selectOption("name");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table.locator("tbody tr td:nth-child(2) a")).toHaveText(["lists-bad", "lists-idle", "lists-web"]);

  // The service page: the deliberate stop reads "stopped", not a red exit code.
  await rowOf("lists-idle").getByRole("link", { name: "lists-idle" }).click();
  await expect(page.getByTestId("container-state")).toContainText("stopped");

  // Delete web with its container: the container and its published port are gone.
  expect((await fetch(`http://127.0.0.1:${webPort}/`)).status).toBeLessThan(500);
  await page.goto(`/services/${ids["lists-web"]}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const del = page.getByRole("dialog", { name: "Delete service “lists-web”?" });
  await expect(del.getByRole("checkbox", { name: /Remove its container/ })).toBeChecked();
  await expect(del.getByRole("checkbox", { name: /Remove its named volumes/ })).not.toBeChecked();
  await shoot(page, "service-delete-dialog");
  await del.getByRole("button", { name: "Delete service" }).click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByText(/Deleted service lists-web; removed container lists-web/)).toBeVisible();
  expect((await docker("ps", "-aq", "--filter", `label=${SERVICE_LABEL}=${ids["lists-web"]}`)).trim()).toBe("");
  await expect(fetch(`http://127.0.0.1:${webPort}/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  await expect(rowOf("lists-web")).toHaveCount(0);

  // The host page lists no orphan.
  await page.goto(`/hosts/${hostId}`);
  await expect(page.getByTestId("host-container").filter({ hasText: "lists-idle" })).toBeVisible();
  await expect(page.locator("[data-orphaned]")).toHaveCount(0);
  await shoot(page, "host-containers");

  expect(errors, "errors in the browser console").toEqual([]);
});
