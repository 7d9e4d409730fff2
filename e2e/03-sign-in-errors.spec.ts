// Sign-in mistakes are explained on the page, and nothing is let through.
import { expect, test } from "@playwright/test";
import { ADMIN, SHOTS } from "./helpers";

test("a wrong password shows an error and keeps the user on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Password")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/login-error-desktop.png` });
});

test("pages that do not exist say so", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
