// The catalog end to end, against a real Docker engine and a real agent: the catalog lists the
// test templates of e2e/fixtures/catalog (HOMEPORT_CATALOG_DIR, see playwright.config.ts) and names
// the broken one with its reason; install the offline test app from its form (typed fields, a
// generated secret), review the plan, install, watch the rollout on the stack's page, see the
// egress proof say "No egress" on its service — against a TCP server in a network namespace this
// spec makes (198.51.100.168/30), which must see no connection — and remove the stack.
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { createVethNamespace, type VethNamespace } from "../test/helpers/veth-namespace";
import { agentBed } from "./agent-bed";
import { ADMIN, docker, readSetupCode, shoot, signIn, trackPageErrors, csrfToken } from "./helpers";

const HOST = "e2e-catalog-host";
const APP = "e2e-fenced";
const STACK = "e2e-fenced";
const STACK_LABEL = "homeport.stack";
/** The server the proof must not reach: a /30 of its own (grep the tests before reusing it). */
const NS = { netns: "hp-e2e-cat", vethHost: "hpcat-h", vethNs: "hpcat-n", hostCidr: "198.51.100.169/30", nsIp: "198.51.100.170" };
const TARGET_PORT = 18_443;
const PROOF_NAME = "egress-proof.e2e-catalog.test";
/** The proof runs right after the rollout; generous for a busy machine. */
const PROOF_TIMEOUT_MS = 90_000;
const ROLLOUT_TIMEOUT_MS = 90_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const bed = agentBed("catalog");
let ns: VethNamespace | undefined;
let server: ChildProcess | undefined;
let connections = 0;
let savedSettings: { egressProofTargets: string[]; egressProofNames: string[] } | undefined;

const lines = (s: string) => s.split("\n").filter(Boolean);

async function removeStackResources(): Promise<void> {
  const filter = `label=${STACK_LABEL}=${STACK}`;
  for (const c of lines(await docker("ps", "-aq", "--filter", filter).catch(() => ""))) await docker("rm", "-f", c).catch(() => undefined);
  for (const n of lines(await docker("network", "ls", "-q", "--filter", filter).catch(() => ""))) await docker("network", "rm", n).catch(() => undefined);
  for (const v of lines(await docker("volume", "ls", "-q", "--filter", filter).catch(() => ""))) await docker("volume", "rm", "-f", v).catch(() => undefined);
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1_000 }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
    s.on("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function patchSettings(page: Page, body: Record<string, unknown>): Promise<void> {
  const r = await page.request.patch("/api/v1/settings", { headers: { "x-csrf-token": await csrfToken(page.request) }, data: body });
  expect(r.status(), await r.text()).toBe(200);
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

test.beforeAll(async () => {
  await removeStackResources();
  // "Out there": a TCP server in a namespace of our own, reachable from the root namespace (and so from
  // any container on an ordinary bridge network); it counts the connections it accepts.
  ns = await createVethNamespace(NS);
  const program = `require("net").createServer((s) => { console.log("connection"); s.end(); }).listen(${TARGET_PORT}, ${JSON.stringify(NS.nsIp)}, () => console.log("listening"));`;
  server = spawn("ip", ["netns", "exec", NS.netns, process.execPath, "-e", program], { stdio: ["ignore", "pipe", "inherit"] });
  server.stdout!.on("data", (d: Buffer) => (connections += (d.toString().match(/connection/g) ?? []).length));
  await expect.poll(() => reachable(NS.nsIp, TARGET_PORT), { timeout: 10_000, message: "the namespace's server answers from the root namespace" }).toBe(true);
  await expect.poll(() => connections).toBe(1);
  connections = 0;
});

test.afterAll(async ({ browser }) => {
  await removeStackResources();
  if (savedSettings) {
    const page = await browser.newPage();
    await signIn(page).catch(() => undefined);
    await patchSettings(page, savedSettings).catch(() => undefined);
    await page.close();
  }
  server?.kill("SIGTERM");
  await ns?.remove();
});

test("install an offline app from the catalog: form, plan, rollout, no egress, remove", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signInOrSetUp(page);
  await bed.enroll(page, baseURL!, HOST);

  // The egress proof aims at our namespace's server, never at the defaults.
  const before = await (await page.request.get("/api/v1/settings")).json() as { egressProofTargets: string[]; egressProofNames: string[] };
  savedSettings = { egressProofTargets: before.egressProofTargets, egressProofNames: before.egressProofNames };
  await patchSettings(page, { egressProofTargets: [`${NS.nsIp}:${TARGET_PORT}`], egressProofNames: [PROOF_NAME] });

  // The catalog: the broken user template leads, named with its reason; the others still show.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
  await expect(page.getByRole("heading", { name: "Catalog", level: 1 })).toBeVisible();
  const broken = page.getByTestId("broken-template").and(page.locator('[data-id="e2e-broken"]'));
  await expect(broken).toContainText("category");
  const card = page.getByTestId("app-card").and(page.locator(`[data-id="${APP}"]`));
  await expect(card).toContainText("Fenced web (test)");
  await expect(card).toContainText("Offline");
  await expect(card).toContainText("Your template");
  await expect(card.getByTestId("app-icon")).toHaveJSProperty("complete", true);
  expect(await card.getByTestId("app-icon").evaluate((img) => (img as HTMLImageElement).naturalWidth), "the icon loads").toBeGreaterThan(0);
  await shoot(page, "catalog", { dark: true });

  // Search and the category chips narrow the grid.
  await page.getByRole("searchbox", { name: "Search apps" }).fill("busybox test");
  await expect(page.getByTestId("app-card")).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Search apps" }).fill("");
  await page.getByRole("group", { name: "Category" }).getByRole("button", { name: /^Local AI/ }).click();
  await expect(page.getByTestId("app-card").and(page.locator(`[data-id="${APP}"]`))).toBeVisible();
  await expect(page.getByRole("group", { name: "Category" }).getByRole("button", { name: /^Local AI/ })).toHaveAttribute("aria-pressed", "true");

  // The install form: each variable as its own control; offline is the default, and says what it means.
  await card.getByRole("link", { name: "Fenced web (test)" }).click();
  await expect(page.getByRole("heading", { name: "Fenced web (test)", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Stack name")).toHaveValue(STACK);
  await page.getByLabel("Host", { exact: true }).selectOption({ label: HOST });
  await expect(page.getByRole("radio", { name: "Offline (recommended)" })).toBeChecked();
  await expect(page.getByText("every network the app's services join is internal")).toBeVisible();
  await expect(page.getByText("A test template. It serves one page")).toBeVisible();

  // Review without the required image: the field says so and takes the focus.
  await page.getByRole("button", { name: "Review plan" }).click();
  const imageField = page.getByLabel(/^Image/);
  await expect(imageField).toHaveAttribute("aria-invalid", "true");
  await expect(imageField).toBeFocused();
  await imageField.fill(bed.image);
  await expect(page.getByLabel(/^Secret/)).toHaveAttribute("type", "password");
  await page.getByLabel(/^Mode/).selectOption("chatty");
  const verbose = page.getByRole("switch", { name: /Verbose logs/ });
  await verbose.click();
  await expect(verbose).toHaveAttribute("aria-checked", "true");
  await shoot(page, "catalog-install-form", { dark: true });

  // The plan: nothing written yet; the image is on the host, one service, offline, a generated secret.
  await page.getByRole("button", { name: "Review plan" }).click();
  const plan = page.getByTestId("install-plan");
  await expect(plan).toBeVisible();
  await expect(plan.getByTestId("plan-image")).toContainText("on the host");
  await expect(plan).toContainText("needs no internet");
  await expect(plan.getByTestId("plan-service")).toHaveCount(1);
  await expect(plan.getByTestId("plan-service")).toContainText("web");
  await expect(plan.getByTestId("plan-egress")).toContainText("Offline");
  await expect(plan.getByTestId("plan-generated")).toContainText("APP_SECRET");
  const { items: stacks } = await (await page.request.get("/api/v1/stacks")).json() as { items: { name: string }[] };
  expect(stacks.map((s) => s.name), "reviewing the plan writes nothing").not.toContain(STACK);
  await shoot(page, "catalog-install-plan", { dark: true });

  // Install: the stack's page, where the rollout is already under way, then running.
  await page.getByRole("button", { name: "Install", exact: true }).click();
  await expect(page).toHaveURL(/\/stacks\/[a-z0-9]+$/i);
  await expect(page.getByRole("heading", { name: STACK, level: 1 })).toBeVisible();
  const rollout = page.getByTestId("stack-rollout");
  await expect(rollout, `agent output:\n${bed.agent.output()}`).toHaveAttribute("data-status", "succeeded", { timeout: ROLLOUT_TIMEOUT_MS });
  await expect(page.getByTestId("stack-status").first()).toHaveAttribute("data-status", "Running", { timeout: 20_000 });
  const stackUrl = page.url();
  const networks = lines(await docker("network", "ls", "--filter", `label=${STACK_LABEL}=${STACK}`, "--format", "{{.Name}} {{.Internal}}"));
  expect(networks.length, "the stack has its network").toBeGreaterThan(0);
  for (const n of networks) expect(n, "every network of an offline stack is internal").toMatch(/ true$/);

  // The service's page: the proof ran after the rollout and nothing answered.
  await page.getByTestId("stack-services").getByRole("link", { name: "web", exact: true }).click();
  await expect(page.getByRole("heading", { name: `${STACK}-web` })).toBeVisible();
  const proof = page.locator("[data-egress-proof]");
  await expect(proof, `agent output:\n${bed.agent.output()}`).toHaveAttribute("data-egress-proof", "verified", { timeout: PROOF_TIMEOUT_MS });
  await expect(proof).toContainText("No egress — verified");
  expect(connections, "the fenced service never reached the server out there").toBe(0);
  await shoot(page, "catalog-service-no-egress", { dark: true });

  // Back in the catalog, the app says where it is installed.
  await page.goto("/catalog");
  const installed = page.getByTestId("app-card").and(page.locator(`[data-id="${APP}"]`)).getByTestId("installed-badge");
  await expect(installed).toHaveAttribute("href", new URL(stackUrl).pathname);

  // Remove the stack and its volume: later specs start from the lab as it was.
  await installed.click();
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  const remove = page.getByRole("dialog", { name: `Remove stack “${STACK}”?` });
  await remove.getByRole("checkbox", { name: /Also delete named volumes/ }).check();
  await remove.getByRole("button", { name: /^Remove stack/ }).click();
  await expect(page).toHaveURL(/\/stacks$/);
  await expect.poll(async () => lines(await docker("ps", "-aq", "--filter", `label=${STACK_LABEL}=${STACK}`)).length, { timeout: 30_000 }).toBe(0);

  expect(errors.filter((e) => !e.includes("net::ERR_NETWORK_CHANGED")), "errors in the browser console").toEqual([]);
});
