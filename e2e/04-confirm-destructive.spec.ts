// Destructive actions ask first: deleting a service still targeted by a route is refused with
// the reason, Cancel keeps things as they were, and confirming deletes.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("deleting asks for confirmation and explains conflicts", async ({ page }) => {
  await signIn(page);
  await page.goto("/services");
  await page.getByRole("table").getByRole("link", { name: "whoami" }).click();
  await expect(page.getByRole("heading", { name: "whoami" })).toBeVisible();

  // Cancel: the dialog closes (Escape works too) and nothing is deleted.
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: /Delete service “whoami”/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // The route still points at the service: the server refuses and the dialog says why.
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete service" }).click();
  await expect(dialog.getByText("This service is still in use")).toBeVisible();
  await expect(dialog.getByText(/whoami\.home\.example/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Delete the route first (with confirmation), then the service.
  await page.goto("/routes");
  await page.getByRole("table").getByRole("link", { name: "whoami.home.example" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  const routeDialog = page.getByRole("dialog", { name: /Delete route/ });
  await routeDialog.getByRole("button", { name: "Delete route" }).click();
  await expect(page).toHaveURL(/\/routes$/);
  await expect(page.getByRole("heading", { name: "No routes yet" })).toBeVisible();

  await page.goto("/services");
  await page.getByRole("table").getByRole("link", { name: "whoami" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete service" }).click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByText("Deleted service whoami")).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: "whoami" })).toBeHidden();
  await expect(page.getByRole("table").getByRole("link", { name: "jellyfin" })).toBeVisible();
});
