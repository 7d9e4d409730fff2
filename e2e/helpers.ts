// Shared test data and steps for the browser tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "correct horse battery" };
export const DATA_DIR = ".tmp/e2e-data";
export const SHOTS = "test-results/screenshots";

export function readSetupCode(): string {
  return readFileSync(join(DATA_DIR, "setup-code"), "utf8").trim();
}

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
