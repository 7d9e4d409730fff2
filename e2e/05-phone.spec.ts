// The main flow on a phone-sized screen: signing in lands on the check-in view, navigation goes
// through the menu drawer, lists show as cards, and forms fit the width.
import { expect, test } from "@playwright/test";
import { ADMIN, SHOTS, trackPageErrors } from "./helpers";

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test("phone: sign in, navigate with the menu, create a service and a route, sign out", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // On a phone, "/" opens the check-in view (e2e/10-checkin.spec.ts); "Full dashboard" leads on.
  await expect(page).toHaveURL(/\/check-in$/);
  await expect(page.getByRole("heading", { name: "Check-in", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Full dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview-phone.png`, fullPage: true });

  // The desktop sidebar is hidden; the menu button opens the drawer.
  await expect(page.getByRole("complementary")).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  const menu = page.getByRole("dialog", { name: "Main menu" });
  await expect(menu).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/menu-phone.png` });
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();

  await page.getByRole("button", { name: "Open menu" }).click();
  await menu.getByRole("link", { name: "Services" }).click();
  await expect(menu).toBeHidden();
  await expect(page.getByRole("heading", { name: "Services", exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Services" }).getByText("jellyfin")).toBeVisible();

  await page.getByRole("link", { name: "New service" }).click();
  await page.getByLabel("Name", { exact: true }).fill("pihole");
  await page.getByLabel("Image").fill("pihole/pihole:2024.07.0");
  await page.getByRole("button", { name: "Add port" }).click();
  await page.getByLabel("Container port 1").fill("80");
  await page.getByLabel("Host IP 1").fill("0.0.0.0");
  await page.getByLabel("Host port 1").fill("8053");
  await expect(page.getByText("Exposed on the LAN")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/service-form-phone.png`, fullPage: true });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: "pihole" })).toBeVisible();

  await page.getByRole("button", { name: "Open menu" }).click();
  await menu.getByRole("link", { name: "Routes" }).click();
  await page.getByRole("link", { name: "Create your first route" }).click();
  await page.getByLabel("Hostname").fill("pihole.home.example");
  await page.getByLabel("Service", { exact: true }).selectOption({ label: "pihole" });
  await page.screenshot({ path: `${SHOTS}/route-form-phone.png`, fullPage: true });
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByRole("heading", { name: "pihole.home.example" })).toBeVisible();

  await page.getByRole("button", { name: "Open menu" }).click();
  await menu.getByRole("link", { name: "Routes" }).click();
  await expect(page.getByRole("list", { name: "Routes" }).getByRole("link", { name: "pihole.home.example" })).toBeVisible();
  // Nothing overflows sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByRole("button", { name: "Open menu" }).click();
  await menu.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("list", { name: "Audit events" }).getByText("Created route").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/audit-phone.png`, fullPage: true });

  await page.getByRole("button", { name: `Account menu for ${ADMIN.username}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(errors, "errors in the browser console").toEqual([]);
});
