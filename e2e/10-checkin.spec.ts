// The phone check-in: "/" leads there on a narrow screen; an incident from a failing check shows
// up and is acknowledged with a confirmation, updating open pages live; the manifest, icons and
// service worker are served and valid; and with the server unreachable a reload shows the cached
// shell labelled as the last known state, never as live.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, freePort, SHOTS, trackPageErrors, csrfToken } from "./helpers";

const CHECK_NAME = "checkin-e2e nas";
const PHONE = { isMobile: true, hasTouch: true } as const;

async function signInOnPhone(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A narrow screen lands on the check-in view rather than the overview.
  await expect(page).toHaveURL(/\/check-in$/);
  await expect(page.getByRole("heading", { name: "Check-in", exact: true })).toBeVisible();
}


/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test.describe("phone 375×812", () => {
  // Without a service worker, as on a plain-HTTP LAN address where browsers do not allow one.
  test.use({ viewport: { width: 375, height: 812 }, ...PHONE, serviceWorkers: "block" });

  test("an incident from a failing check appears, and acknowledging it updates open pages live", async ({ page, context }) => {
    const errors = trackPageErrors(page);
    await signInOnPhone(page);
    await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Live");
    await expect(page.getByTestId("last-updated")).toHaveText(/^Last updated \d\d:\d\d:\d\d \(\d+ s ago\)$/);

    // A check of a loopback port nobody listens on fails at its first probe.
    const csrf = await csrfToken(page.request, "/check-in");
    const port = await freePort();
    const created = await page.request.post("/api/v1/checks", {
      headers: { "x-csrf-token": csrf },
      data: { name: CHECK_NAME, type: "http", target: { url: `http://127.0.0.1:${port}/` }, intervalSec: 10, timeoutMs: 1000, retries: 0 },
    });
    expect(created.status(), await created.text()).toBe(201);

    // It shows up on the open page without a reload, with its vantage point and error.
    const incidents = page.getByRole("list", { name: "Open incidents" });
    const row = incidents.getByRole("listitem").filter({ hasText: CHECK_NAME });
    await expect(row).toBeVisible({ timeout: 45_000 });
    await expect(row).toContainText("seen from Control plane (LAN)");
    await expect(page.getByTestId("checkin-banner")).toHaveAttribute("data-verdict", "trouble");

    // A second tab on the same page, to see the acknowledgement arrive through the event stream.
    const other = await context.newPage();
    await other.goto("/check-in");
    const otherRow = other.getByRole("list", { name: "Open incidents" }).getByRole("listitem").filter({ hasText: CHECK_NAME });
    await expect(otherRow.getByRole("button", { name: "Acknowledge" })).toBeVisible();
    await expect(other.getByRole("status", { name: "Connection" })).toHaveText("Live");

    // Large touch targets: the actions and the refresh button are at least 44 px tall.
    const ackButton = row.getByRole("button", { name: "Acknowledge" });
    for (const target of [ackButton, page.getByRole("button", { name: "Refresh" })]) {
      const box = await target.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      expect(box?.width).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: `${SHOTS}/checkin-incident-375.png`, fullPage: true });

    // Acknowledge asks first; cancelling changes nothing.
    await ackButton.click();
    const dialog = page.getByRole("dialog", { name: `Acknowledge “${CHECK_NAME}”?` });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/checkin-confirm-375.png` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId("acknowledged")).toHaveCount(0);

    await ackButton.click();
    await dialog.getByRole("button", { name: "Acknowledge" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId("acknowledged")).toHaveText(/^Acknowledged by admin/);
    // The other tab was not touched: the event stream brought the change.
    await expect(otherRow.getByTestId("acknowledged")).toHaveText(/^Acknowledged by admin/);
    await expect(otherRow.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
    await other.close();

    // Nothing overflows sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/checkin-acknowledged-375.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.screenshot({ path: `${SHOTS}/checkin-dark-375.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await page.evaluate(() => document.documentElement.classList.remove("dark"));

    // The connection drops while the page is open: what it shows becomes "last known" at once,
    // actions are off; when the network is back the stream reconnects and the page is live again.
    const indicator = page.getByRole("status", { name: "Connection" });
    await context.setOffline(true);
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(indicator).toHaveText("Offline");
    await expect(page.getByTestId("stale-notice")).toHaveText(/^Offline — showing what was known at \d\d:\d\d, \d+ (s|min) ago\.$/);
    await expect(page.getByTestId("checkin-banner")).toHaveAttribute("data-stale", "true");
    await expect(row.getByTestId("acknowledged")).toHaveText(/^Acknowledged by admin/);
    await page.screenshot({ path: `${SHOTS}/checkin-connection-lost-375.png`, fullPage: true });
    await context.setOffline(false);
    await expect(indicator).toHaveText("Live", { timeout: 20_000 });
    await expect(page.getByTestId("stale-notice")).toHaveCount(0);
    // Chromium logs the refused requests of the offline moment; nothing else may appear.
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), "errors in the browser console").toEqual([]);
  });
});

test.describe("phone 412×915", () => {
  test.use({ viewport: { width: 412, height: 915 }, ...PHONE });

  test("installable: manifest, icons and service worker; offline, the cached shell shows the last known state", async ({ page, context }) => {
    await signInOnPhone(page);
    await page.screenshot({ path: `${SHOTS}/checkin-412.png`, fullPage: true });

    // "Full dashboard" leads to the overview and keeps "/" there for this session.
    await page.getByRole("link", { name: "Full dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);

    // The manifest: linked from the page, served as a manifest, valid, its icons exist.
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toMatch(/^\/manifest\.webmanifest/);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ name: "Homeport", short_name: "Homeport", start_url: "/check-in", display: "standalone" });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of [...manifest.icons, { src: "/icons/apple-touch-icon.png", sizes: "180x180", type: "image/png" }]) {
      const r = await page.request.get(icon.src);
      expect(r.status(), icon.src).toBe(200);
      expect(r.headers()["content-type"]).toBe("image/png");
      const { width, height } = pngSize(await r.body());
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/icons/apple-touch-icon.png");
    await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute("content", /^#/);

    // The service worker script: JavaScript, never cached by HTTP, allowed by the page's CSP.
    const sw = await page.request.get("/sw.js");
    expect(sw.status()).toBe(200);
    expect(sw.headers()["content-type"]).toMatch(/javascript/);
    expect(sw.headers()["cache-control"]).toMatch(/no-cache/);

    // It registers and takes control of the check-in page.
    await page.goto("/check-in");
    await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Live");
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/);
    // A refresh now goes through the worker, which keeps that answer for offline use.
    await page.getByRole("button", { name: "Refresh" }).click();
    await page.waitForFunction(async () => !!(await caches.match("/check-in")) && !!(await caches.match("/api/v1/checkin")));
    // The stored shell holds no CSRF token.
    const csrf = await csrfToken(page.request, "/check-in");
    expect(await page.evaluate(async () => (await (await caches.match("/check-in"))!.text()).length)).toBeGreaterThan(1000);
    expect(await page.evaluate(async (token) => (await (await caches.match("/check-in"))!.text()).includes(token), csrf)).toBe(false);
    const headline = await page.getByTestId("checkin-banner").innerText();
    const indicator = page.getByRole("status", { name: "Connection" });

    // The server is gone: the reload opens the cached shell, labelled offline with its age.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Check-in", exact: true })).toBeVisible();
    await expect(page.getByTestId("stale-notice")).toHaveText(/^Offline — showing what was known at \d\d:\d\d, \d+ (s|min) ago\.$/);
    await expect(indicator).toHaveText("Offline");
    await expect(page.getByTestId("last-updated")).toHaveText(/^Last updated \d\d:\d\d:\d\d/);
    const banner = page.getByTestId("checkin-banner");
    await expect(banner).toHaveAttribute("data-stale", "true");
    // The same state as last seen, labelled as such; nothing invented.
    await expect(banner).toContainText("Last known");
    expect((await banner.innerText()).replace(/^Last known\s*/i, "")).toBe(headline);
    // Actions are off while offline.
    for (const b of await page.getByRole("button", { name: /^(Acknowledge|Restart|Re-run checks)$/ }).all()) await expect(b).toBeDisabled();
    await page.screenshot({ path: `${SHOTS}/checkin-offline-412.png`, fullPage: true });

    // Back online: live again; then clean up the check the other test created.
    // The event stream reconnects by itself and the page refetches: live again, no reload.
    await context.setOffline(false);
    await expect(indicator).toHaveText("Live", { timeout: 20_000 });
    await expect(page.getByTestId("stale-notice")).toHaveCount(0);
    await expect(page.getByTestId("checkin-banner")).not.toHaveAttribute("data-stale", "true");
    const list = await page.request.get(`/api/v1/checks?q=${encodeURIComponent(CHECK_NAME)}`);
    for (const c of ((await list.json()) as { items: { id: string; name: string }[] }).items.filter((x) => x.name === CHECK_NAME)) {
      expect((await page.request.delete(`/api/v1/checks/${c.id}`, { headers: { "x-csrf-token": csrf } })).status()).toBe(204);
    }
  });
});
