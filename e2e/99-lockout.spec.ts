// Runs last: repeated wrong passwords pause sign-in, and the page says for how long.
import { expect, test } from "@playwright/test";
import { ADMIN } from "./helpers";

test("after five wrong passwords sign-in is paused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  }
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Signing in is paused")).toBeVisible();
  await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ s\./)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
