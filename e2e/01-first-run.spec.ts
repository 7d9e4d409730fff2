// First run: the dashboard sends a new visitor to set-up, refuses a wrong setup code, and
// creates the admin account with the code from the data directory.
import { expect, test } from "@playwright/test";
import { ADMIN, SHOTS, TEST_EGRESS_PROOF, csrfToken, readSetupCode } from "./helpers";

test("first run creates the admin account with the setup code", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Homeport" })).toBeVisible();

  // Before set-up, the sign-in page also leads to set-up.
  await page.goto("/login");
  await expect(page).toHaveURL(/\/setup$/);

  await page.screenshot({ path: `${SHOTS}/setup.png` });
  await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("at least 10 characters", { exact: true })).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The setup code is wrong" })).toBeVisible();

  await page.getByLabel("Setup code").fill(readSetupCode());
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText(`Welcome, ${ADMIN.username}.`)).toBeVisible();
  await expect(page.getByTestId("checklist-progress")).toHaveText(/^0 of 6 done/);
  await expect(page.getByRole("heading", { name: "Get your homelab set up" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview-first-run.png`, fullPage: true });

  // Set-up is done: the page now sends people away.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);

  // Test bed for the specs after this one (see TEST_EGRESS_PROOF).
  const r = await page.request.patch("/api/v1/settings", { headers: { "x-csrf-token": await csrfToken(page.request) }, data: TEST_EGRESS_PROOF });
  expect(r.status(), await r.text()).toBe(200);
});
