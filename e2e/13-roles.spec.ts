// Users and roles: the admin adds an operator and a viewer in Settings (generated passwords shown
// once); the operator creates a service but sees no Users section and is refused the users API;
// the viewer sees the service with no create, deploy or delete controls, and a direct API POST from
// their page is refused with 403. Each signs in in a browser context of their own.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, fillService, shoot, signIn, trackPageErrors } from "./helpers";

test.describe.configure({ mode: "serial" });

const OPERATOR = "olivia-ops";
const VIEWER = "victor-view";
const SERVICE = "roles-whoami";
const passwords: Record<string, string> = {};

/** A fresh browser context signed in as `username`. */
async function signedIn(browser: Browser, username: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = trackPageErrors(page);
  await signIn(page, { username, password: passwords[username]! });
  return { page, errors, close: () => context.close() };
}

/** Calls the API from the page, the way a script in the dashboard would (same origin, session cookie). */
function apiFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p as string, { method: m as string, headers: { "content-type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: res.status, text: await res.text() };
    },
    [method, path, body] as const,
  );
}

async function addUser(page: Page, username: string, role: "Operator" | "Viewer"): Promise<void> {
  const section = page.getByTestId("users-section");
  await section.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Role").selectOption({ label: role });
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  const shown = section.getByTestId("generated-password");
  await expect(shown).toBeVisible();
  passwords[username] = ((await shown.textContent()) ?? "").trim();
  expect(passwords[username]).toMatch(/^[A-Za-z0-9_-]{16}$/);
  await section.getByRole("button", { name: "Done" }).click();
  await expect(section.getByRole("row", { name: new RegExp(`^${username}\\b`) })).toBeVisible();
}

test("the admin adds an operator and a viewer in Settings", async ({ page }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  await page.goto("/settings");
  const section = page.getByTestId("users-section");
  await expect(section.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(section.getByRole("row", { name: new RegExp(`^${ADMIN.username}\\b`) }).getByText("you", { exact: true })).toBeVisible();

  // A duplicate name is refused inside the dialog, next to the field.
  await section.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Username").fill(ADMIN.username);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText(`A user named “${ADMIN.username}” already exists`)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await addUser(page, OPERATOR, "Operator");
  await addUser(page, VIEWER, "Viewer");
  await expect(section.getByLabel(`Role of ${OPERATOR}`)).toHaveValue("operator");
  await expect(section.getByLabel(`Role of ${VIEWER}`)).toHaveValue("viewer");
  // The admin's own role cannot be changed from here (another admin can).
  await expect(section.getByLabel(`Role of ${ADMIN.username}`)).toBeDisabled();

  // Deleting asks first.
  await section.getByRole("button", { name: `Delete ${VIEWER}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${VIEWER}?` });
  await expect(confirm.getByText("signed out everywhere")).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(section.getByRole("row", { name: new RegExp(`^${VIEWER}\\b`) })).toBeVisible();

  await section.scrollIntoViewIfNeeded();
  await shoot(page, "users-section", { dark: true });
  await page.getByRole("button", { name: `Account menu for ${ADMIN.username} (admin)` }).click();
  await expect(page.getByTestId("user-menu-role")).toHaveText("admin");
  expect(errors).toEqual([]);
});

test("the operator creates a service but cannot manage users", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, OPERATOR);
  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: "traefik/whoami:v1.10", containerPort: "80" });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("users-section")).toHaveCount(0);
  // Tokens: an operator may hold read and write tokens, never admin ones.
  await expect(page.getByRole("radio", { name: "Write" })).toHaveCount(1);
  await expect(page.getByRole("radio", { name: "Admin" })).toHaveCount(0);
  await page.getByRole("button", { name: `Account menu for ${OPERATOR} (operator)` }).click();
  await expect(page.getByTestId("user-menu-role")).toHaveText("operator");
  await page.keyboard.press("Escape");

  const list = await apiFromPage(page, "GET", "/api/v1/users");
  expect(list.status).toBe(403);
  expect(list.text).toContain("'admin' scope");
  const create = await apiFromPage(page, "POST", "/api/v1/users", { username: "sneaky", role: "admin" });
  expect(create.status).toBe(403);
  await shoot(page, "roles-operator-settings");
  expect(errors).toEqual([]);
  await close();
});

test("the viewer sees services without create, deploy or delete controls, and the API refuses their POST", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, VIEWER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  // Earlier specs leave many services in the shared database: find this one.
  await page.getByRole("searchbox", { name: "Search services" }).fill(SERVICE);
  const serviceLink = page.getByRole("main").getByRole("link", { name: SERVICE, exact: true }).first();
  await expect(serviceLink).toBeVisible();
  await expect(page.getByRole("link", { name: /New service/ })).toHaveCount(0);
  await shoot(page, "roles-viewer-services");

  await serviceLink.click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  for (const name of [/^Deploy/, /^Delete/, /^Redeploy/, /^Save changes/]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  // The settings form is there to read: its fields and row buttons are disabled.
  await expect(page.getByRole("button", { name: /^Add port/ })).toBeDisabled();
  await expect(page.getByLabel("Image", { exact: true })).toBeDisabled();
  await shoot(page, "roles-viewer-service");

  const post = await apiFromPage(page, "POST", "/api/v1/services", { name: "viewer-made", image: "busybox:1" });
  expect(post.status).toBe(403);
  expect(post.text).toContain("'write' scope");
  const users = await apiFromPage(page, "GET", "/api/v1/users");
  expect(users.status).toBe(403);

  await page.goto("/settings");
  await expect(page.getByTestId("users-section")).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Write" })).toHaveCount(0);
  expect(errors).toEqual([]);
  await close();
});
