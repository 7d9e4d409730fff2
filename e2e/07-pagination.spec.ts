// Long lists page with "Load more": 30 services made through the API (with a token created in
// the UI) show 25 at first, then all of them.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const BULK = 30;

test("the services list loads more on request and search still finds everything", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/settings");
  await page.getByLabel("Name", { exact: true }).fill("bulk-loader");
  await page.getByRole("radio", { name: "Write" }).check({ force: true });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = ((await page.getByTestId("new-token").textContent()) ?? "").trim();

  for (let i = 1; i <= BULK; i++) {
    const res = await request.post("/api/v1/services", {
      headers: { authorization: `Bearer ${token}` },
      data: { name: `bulk-${String(i).padStart(2, "0")}`, image: "busybox:1.36" },
    });
    expect(res.status()).toBe(201);
  }

  await page.goto("/services");
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(25);
  const total = await request.get("/api/v1/services?limit=200", { headers: { authorization: `Bearer ${token}` } });
  const count = ((await total.json()) as { items: unknown[] }).items.length;
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(count);
  await expect(page.getByText(`Showing ${count} services — that is all`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();

  await page.getByRole("searchbox", { name: "Search services" }).fill("bulk-3");
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("table").getByRole("link", { name: "bulk-30" })).toBeVisible();
});
