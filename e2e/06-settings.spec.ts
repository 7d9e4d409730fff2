// Settings: dark mode sticks across reloads, an API token is shown once and revoking asks
// first, and two-factor sign-in can be turned on and is then asked for at sign-in.
import { expect, test } from "@playwright/test";
import { totpAt } from "../lib/auth/totp";
import { ADMIN, SHOTS, signIn } from "./helpers";

test("dark mode is remembered and applied before the page paints", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: `Account menu for ${ADMIN.username}` }).click();
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: `${SHOTS}/overview-dark.png`, fullPage: true });
  await page.goto("/services");
  await page.screenshot({ path: `${SHOTS}/services-list-dark.png`, fullPage: true });
  await page.goto("/settings");
  await page.screenshot({ path: `${SHOTS}/settings-dark.png`, fullPage: true });

  await page.getByRole("button", { name: `Account menu for ${ADMIN.username}` }).click();
  await page.getByRole("button", { name: "Light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

test("an API token is shown once and revoking it asks for confirmation", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.getByLabel("Name", { exact: true }).fill("backup-script");
  await page.getByRole("radio", { name: "Write" }).check({ force: true });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^hp_/);
  await expect(page.getByText("it is shown only once")).toBeVisible();

  // The token works against the API.
  const res = await request.get("/api/v1/services", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-token")).toBeHidden();
  const tokens = page.getByRole("list", { name: "API tokens" });
  await expect(tokens.getByText("backup-script")).toBeVisible();

  await tokens.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog", { name: /Revoke “backup-script”/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(tokens.getByText("backup-script")).toBeVisible();
  await tokens.getByRole("button", { name: "Revoke" }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();
  const after = await request.get("/api/v1/services", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test("two-factor: turn it on, then sign-in asks for the code", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel("Enter the code the app shows").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("The code does not match")).toBeVisible();
  // Each code is good once (its 30-second step must be later than the last one used), and the
  // server accepts one step of clock skew either way: turn on with the previous step's code, sign
  // in with the current one, turn off with the next one. Not within 2 s of a step's end, so the
  // previous step's code is still inside the server's window when it arrives.
  const intoStep = Date.now() % 30_000;
  if (intoStep > 28_000) await page.waitForTimeout(30_000 - intoStep + 200);
  await page.getByLabel("Enter the code the app shows").fill(totpAt(secret, Date.now() - 30_000));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("region", { name: "Two-factor sign-in" }).getByText("On", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Account menu for ${ADMIN.username}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor code" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(totpAt(secret, Date.now()));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // Turn it off again (password + code), so later tests sign in with the password alone.
  await page.goto("/settings");
  await page.getByRole("button", { name: "Turn off two-factor" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off two-factor sign-in?" });
  await dialog.getByLabel("Password").fill(ADMIN.password);
  await dialog.getByLabel("Authentication code").fill(totpAt(secret, Date.now() + 30_000));
  await dialog.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("region", { name: "Two-factor sign-in" }).getByText("Off", { exact: true })).toBeVisible();
});

test("changing the password keeps this session working", async ({ page }) => {
  const next = "an even longer passphrase";
  await signIn(page);
  await page.goto("/settings");
  const change = async (from: string, to: string) => {
    await page.getByLabel("Current password").fill(from);
    await page.getByLabel("New password", { exact: true }).fill(to);
    await page.getByLabel("Confirm new password").fill(to);
    const response = page.waitForResponse((r) => r.url().endsWith("/api/auth/password"));
    await page.getByRole("button", { name: "Change password" }).click();
    expect((await response).status()).toBe(200);
    await expect(page.getByText("Password changed. Your other sessions were signed out.").last()).toBeVisible();
    await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();
  };
  await page.getByLabel("Current password").fill("wrong current password");
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is wrong")).toBeVisible();

  await change(ADMIN.password, next);
  // The session continues with a fresh CSRF token: a second change (back) still goes through.
  await change(next, ADMIN.password);
  await expect(page.getByTestId("session-count")).toHaveText("1");
});

test("sign out everywhere asks first and ends the session", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
});
