// Shared test data and steps for the browser tests.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "correct horse battery" };
/** The server runs in the repository root with HOMEPORT_DATA_DIR=.tmp/e2e-data (playwright.config.ts). */
export const DATA_DIR = fileURLToPath(new URL("../.tmp/e2e-data/", import.meta.url));
export const SHOTS = "test-results/screenshots";

/** A loopback port nobody listens on: bound, then released. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const run = promisify(execFile);

/** Runs the docker CLI; its trimmed output. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run("docker", args, { timeout: 30_000 });
  return stdout.trim();
}

export function readSetupCode(): string {
  return readFileSync(`${DATA_DIR}setup-code`, "utf8").trim();
}

/** The CSRF token as the server embeds it in a page (`path`) for the app's own API calls. */
const CSRF_IN_PAGE = /csrfToken\\*"\s*:\s*\\*"([A-Za-z0-9_-]{16,})/;

export async function csrfToken(request: APIRequestContext, path = "/"): Promise<string> {
  const m = CSRF_IN_PAGE.exec(await (await request.get(path)).text());
  if (!m?.[1]) throw new Error(`no CSRF token in the page ${path}`);
  return m[1];
}

/**
 * Test bed: the egress proof of any offline service a spec deploys aims at the container's own
 * loopback and a reserved name, never the defaults (public resolvers). Specs about the proof set
 * servers in namespaces they create, and give these back.
 */
export const TEST_EGRESS_PROOF = { egressProofTargets: ["127.0.0.1:9"], egressProofNames: ["egress-proof.invalid"] };

export async function signIn(page: Page, creds = ADMIN): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(creds.username);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** Fills the new-service form's required fields plus one published port. */
export async function fillService(page: Page, s: { name: string; image: string; containerPort: string; hostPort?: string }): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(s.name);
  await page.getByLabel("Image").fill(s.image);
  await page.getByRole("button", { name: "Add port" }).click();
  await page.getByLabel("Container port 1").fill(s.containerPort);
  if (s.hostPort) await page.getByLabel("Host port 1").fill(s.hostPort);
}

/** Collects console errors and uncaught exceptions (hydration mismatches, CSP refusals, crashes). */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  // Chromium's "Failed to load resource" does not say which request; the last failed ones do.
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() < 400) return;
    failed.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
    if (failed.length > 5) failed.shift();
  });
  page.on("console", (msg) => {
    // A refused sign-in or a 4xx the test provokes on purpose is logged by Chromium as a failed resource.
    // A request the network layer dropped without an answer (ERR_NETWORK_CHANGED, ERR_FAILED) is the test
    // bed: Docker adds and removes bridge interfaces as the tests' containers start and stop. Errors the
    // app causes (an HTTP status, an exception, a hydration mismatch) still count.
    if (msg.type() === "error" && !/Failed to load resource: (the server responded with a status of (401|403|409|422|429)|net::ERR_(NETWORK_CHANGED|FAILED)\b)/.test(msg.text())) {
      errors.push(`${page.url()}: ${msg.text()}${msg.text().startsWith("Failed to load resource") ? ` (recent failed requests: ${failed.join("; ")})` : ""}`);
    }
  });
  // The page it happened on, so a failure says where to look.
  page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
  return errors;
}

/**
 * Desktop and phone (375 px) screenshots kept as test artefacts (`dark: true` adds a dark phone shot);
 * on a phone nothing may overflow sideways.
 */
export async function shoot(page: Page, name: string, o: { dark?: boolean; phoneTop?: boolean } = {}): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  if (o.phoneTop) await page.screenshot({ path: `${SHOTS}/${name}-phone-top.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: nothing overflows sideways on a phone`).toBeLessThanOrEqual(0);
  if (o.dark) {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/${name}-phone-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
