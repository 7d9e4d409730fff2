// Check operations end to end: a check of a loopback server this test runs, created in the form with
// group "public", is published on a status page that a fresh signed-out browser opens (the check is
// there; its address, port and id are not); pausing it turns it grey "Paused" on the check page and
// the public page; an incident of a failing check is acknowledged from the desktop, showing who.
// Desktop and phone screenshots (dark too) of the public page, the reachability page and the check.
import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { freePort, shoot, signIn, trackPageErrors, csrfToken } from "./helpers";

const CHECK_NAME = "Family photos";
const DOWN_NAME = "checkops-e2e backup target";
const SLUG = "family";
/** Long enough for a couple of 10 s probe rounds on a loaded machine. */
const ROUND_WAIT_MS = 60_000;

let server: Server | null = null;

test.afterAll(async () => {
  if (server?.listening) await new Promise((r) => server!.close(r));
});

test("a status page seen signed out, a paused check, and an incident acknowledged on the desktop", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const errors = trackPageErrors(page);
  await signIn(page);
  const port = await freePort();
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain", connection: "close" });
    res.end("ok");
  });
  await new Promise<void>((r) => server!.listen(port, "127.0.0.1", r));

  // The check, created in the form, in group "public" with a tag.
  await page.goto("/reachability/checks/new");
  await page.getByLabel("Name", { exact: true }).fill(CHECK_NAME);
  await page.getByLabel("URL").fill(`http://127.0.0.1:${port}/photos`);
  await page.getByLabel(/^Group/).fill("public");
  await page.getByLabel(/^Tags/).fill("family, photos");
  await page.getByLabel("Interval (s)").fill("10");
  await page.getByRole("button", { name: "Create check" }).click();
  await expect(page.getByRole("heading", { name: CHECK_NAME })).toBeVisible();
  await expect(page.getByText("Group public · #family #photos")).toBeVisible();
  const checkUrl = page.url();
  const checkId = checkUrl.split("/").pop()!;

  // The reachability page lists it under its group, and filters by tag.
  await page.goto("/reachability");
  await expect(page.getByRole("link", { name: CHECK_NAME }).first()).toBeVisible();
  await page.getByRole("combobox", { name: /^Tag/ }).selectOption("family");
  await expect(page.getByRole("link", { name: CHECK_NAME }).first()).toBeVisible();

  // Publish a status page of group "public".
  await page.goto("/reachability/status-pages");
  await page.getByRole("textbox", { name: "Address" }).fill(SLUG);
  await page.getByRole("textbox", { name: "Title" }).fill("Family services");
  await page.getByRole("checkbox", { name: "public", exact: true }).check();
  await page.getByRole("button", { name: "Create status page" }).click();
  await expect(page.getByRole("link", { name: `/status/${SLUG}` })).toBeVisible();

  // A fresh, signed-out browser sees the check once probed as operational, and nothing internal.
  const anon = await browser.newContext();
  const pub = await anon.newPage();
  const pubErrors = trackPageErrors(pub);
  await expect(async () => {
    await pub.goto(`/status/${SLUG}`);
    await expect(pub.getByText("All systems operational")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: ROUND_WAIT_MS });
  await expect(pub.getByText(CHECK_NAME)).toBeVisible();
  await expect(pub.getByRole("img", { name: new RegExp(`^${CHECK_NAME}, last 24 hours`) })).toBeVisible();
  const html = await pub.content();
  for (const secret of ["127.0.0.1", `:${port}`, "/photos", checkId, "Control plane", "#family"]) expect(html, `leaks ${secret}`).not.toContain(secret);
  expect((await anon.cookies()).filter((c) => /session/i.test(c.name))).toEqual([]);
  await shoot(pub, "status-page-public", { dark: true });
  expect((await anon.request.get("/status/no-such-page")).status()).toBe(404);

  // Pause: grey "Paused" with who, on the check page and on the public page.
  await page.goto(checkUrl);
  await page.getByRole("button", { name: `Pause ${CHECK_NAME}` }).click();
  await expect(page.getByText(/^Paused by admin/)).toBeVisible();
  await expect(page.getByRole("button", { name: `Resume ${CHECK_NAME}` })).toBeVisible();
  await shoot(page, "status-page-check-paused");
  await expect(async () => {
    await pub.goto(`/status/${SLUG}`);
    await expect(pub.getByText("Paused", { exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // A failing check (a loopback port nobody listens on) opens an incident; acknowledged on the desktop.
  const csrf = await csrfToken(page.request, "/reachability");
  const created = await page.request.post("/api/v1/checks", {
    headers: { "x-csrf-token": csrf },
    data: { name: DOWN_NAME, type: "http", target: { url: `http://127.0.0.1:${await freePort()}/` }, intervalSec: 10, timeoutMs: 1000, retries: 0 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const ongoing = page.getByRole("region", { name: "Ongoing incidents" });
  await expect(async () => {
    await page.goto("/reachability");
    await expect(ongoing.getByText(DOWN_NAME)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: ROUND_WAIT_MS });
  await ongoing.getByRole("button", { name: `Acknowledge the incident of ${DOWN_NAME}` }).click();
  await expect(ongoing.getByText(/Acknowledged by admin/)).toBeVisible();
  await shoot(page, "status-page-reachability", { dark: true });

  expect(errors).toEqual([]);
  expect(pubErrors).toEqual([]);
  await anon.close();
});
