// The Hosts page at a thousand hosts: 1,030 hosts written straight into the shared database (as a
// large lab's enrolled agents would have left them) page in fifties with the count, "Load more",
// search and the offline filter; none is dropped. The seeded hosts are removed afterwards.
import Database from "better-sqlite3";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DATA_DIR, shoot, signIn, trackPageErrors } from "./helpers";

const SEEDED = 1030;
const PREFIX = "zz-scale-";
const seededName = (i: number) => `${PREFIX}${String(i).padStart(4, "0")}`;

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(DATA_DIR, "homeport.db"));
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

test.beforeAll(() => {
  withDb((db) => {
    const at = new Date(Date.now() - 3_600_000).toISOString().replace("Z", "+00:00");
    const insert = db.prepare("INSERT INTO Host (id, name, hostname, addresses, enrolledAt, lastSeenAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      for (let i = 0; i < SEEDED; i++) insert.run(`e2escale${String(i).padStart(6, "0")}`, seededName(i), `rack${i}.lan`, JSON.stringify([`192.0.2.${i % 250}`]), at, at, at, at);
    })();
  });
});

test.afterAll(() => {
  withDb((db) => db.prepare("DELETE FROM Host WHERE name LIKE ?").run(`${PREFIX}%`));
});

test("the Hosts page shows the count of 1,000+ hosts, loads more, searches and filters offline ones", async ({ page }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  const all = ((await (await page.request.get("/api/v1/hosts?limit=1")).json()) as { total: number }).total;
  expect(all).toBeGreaterThanOrEqual(SEEDED);
  const fmt = (n: number) => n.toLocaleString("en");

  await page.goto("/hosts");
  const rows = page.getByTestId("host-row");
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId("hosts-shown")).toHaveText(`Showing 50 of ${fmt(all)} hosts`);
  await expect(page.getByRole("button", { name: `All ${fmt(all)}`, pressed: true })).toBeVisible();
  await shoot(page, "hosts-scale", { dark: true, phoneTop: true });

  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(100);
  await expect(page.getByTestId("hosts-shown")).toHaveText(`Showing 100 of ${fmt(all)} hosts`);
  // In name order, without a gap: the seeded hosts shown are consecutive.
  const names = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""))).filter((n) => n.startsWith("zz-scale-"));
  expect(names.length).toBeGreaterThan(0);
  expect(names).toEqual(names.map((_, k) => seededName(Number(names[0]!.slice(-4)) + k)));

  // The last seeded host, far past any first page, is found by name and by the hostname it reported.
  await page.getByRole("searchbox", { name: "Search hosts" }).fill(seededName(SEEDED - 1));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-name", seededName(SEEDED - 1));
  await expect(page.getByTestId("hosts-shown")).toHaveText("Showing 1 of 1 host — that is all");
  await page.getByRole("searchbox", { name: "Search hosts" }).fill("rack1000.lan");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-name", seededName(1000));

  // None of the seeded agents is connected: the offline filter lists them, each "unknown", never "down".
  // The status chips count what the search finds.
  await page.getByRole("searchbox", { name: "Search hosts" }).fill(PREFIX);
  await expect(page.getByTestId("hosts-shown")).toHaveText(`Showing 50 of ${fmt(SEEDED)} hosts`);
  await expect(page.getByRole("group", { name: "Filter by status" }).getByRole("button", { name: `Offline ${fmt(SEEDED)}` })).toBeVisible();
  await page.getByRole("group", { name: "Filter by status" }).getByRole("button", { name: /^Offline/ }).click();
  await expect(page.getByRole("group", { name: "Filter by status" }).getByRole("button", { name: /^Offline/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("hosts-shown")).toHaveText(`Showing 50 of ${fmt(SEEDED)} hosts`);
  await expect(rows.first().getByTestId("host-status")).toHaveAttribute("data-online", "false");
  await expect(rows.first().getByTestId("host-status")).toContainText("unknown");
  await shoot(page, "hosts-scale-offline");
  expect(errors).toEqual([]);
});
