// Ping and push checks and the new notification channels, end to end: a push check made in the
// form shows its secret URL once (with copy and curl/cron examples), a call of that URL turns the
// check up, and after a reload the URL is not shown again; a ping check of 127.0.0.1 goes up; a
// Telegram channel is added from a pasted Apprise-style URL, and an unsupported one is refused.
// Desktop and phone screenshots (dark too) of the push URL, the ping check and the channel form.
import { expect, test, type Page } from "@playwright/test";
import { shoot, signIn, trackPageErrors } from "./helpers";

/** Long enough for a couple of 10 s probe rounds on a loaded machine. */
const ROUND_WAIT_MS = 60_000;

async function waitForStatus(page: Page, label: "Up" | "Down"): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(label, { exact: true }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: ROUND_WAIT_MS, intervals: [2_000] });
}

test("a push check's URL shown once and called, a ping check up, a channel from an Apprise URL", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackPageErrors(page);
  await signIn(page);

  // A push check: the form explains it; its page then shows the URL once.
  await page.goto("/reachability/checks/new?type=push");
  await expect(page.getByText("A cron job, backup script or device calls a secret URL")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Nightly backup");
  await page.getByLabel("Interval (s)").fill("60");
  await page.getByLabel("Grace (s)").fill("30");
  await page.getByRole("button", { name: "Create check" }).click();
  await expect(page.getByRole("heading", { name: "Nightly backup" })).toBeVisible();
  await expect(page.getByText("Copy this URL now: it is shown only once.")).toBeVisible();
  const url = (await page.getByLabel("URL", { exact: true }).textContent())?.trim() ?? "";
  expect(url).toMatch(/^http:\/\/[^/]+\/api\/v1\/push\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByLabel("curl")).toContainText(`curl -fsS -m 10 --retry 3 "${url}?status=up&msg=OK"`);
  await expect(page.getByLabel("cron line")).toContainText(url);
  await expect(page.getByRole("button", { name: "Copy URL" })).toBeVisible();
  await shoot(page, "push-url", { dark: true });

  // The backup job calls it: the check goes up.
  const pushed = await page.request.get(`${url}?status=up&msg=backup%20done&ping=1234`);
  expect(pushed.status()).toBe(200);
  expect(await pushed.json()).toEqual({ ok: true, recorded: true });
  await waitForStatus(page, "Up");
  // Reloaded, the secret is not shown again; a wrong token is a plain 404.
  await expect(page.getByText("This check has a push URL.")).toBeVisible();
  await expect(page.getByText(url)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Regenerate URL" })).toBeVisible();
  expect((await page.request.get(url.replace(/.{4}$/, "AAAA"))).status()).toBe(404);

  // A ping check of loopback goes up.
  await page.goto("/reachability/checks/new?type=ping");
  await page.getByLabel("Name", { exact: true }).fill("Loopback ping");
  await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await page.getByLabel("Packets").fill("2");
  await page.getByLabel("Interval (s)").fill("10");
  await page.getByRole("button", { name: "Create check" }).click();
  await expect(page.getByRole("heading", { name: "Loopback ping" })).toBeVisible();
  await expect(page.getByText("ping 127.0.0.1 ×2")).toBeVisible();
  await waitForStatus(page, "Up");
  await shoot(page, "ping-check");

  // A host that could be read as an option is refused in the form.
  await page.goto("/reachability/checks/new?type=ping");
  await page.getByLabel("Name", { exact: true }).fill("Injected");
  await page.getByLabel("Host", { exact: true }).fill("-f");
  await page.getByRole("button", { name: "Create check" }).click();
  await expect(page.locator("#check-host-error")).toHaveText("a host name or IP address");
  await expect(page.getByRole("heading", { name: "Injected" })).toHaveCount(0);

  // Channels: an unsupported URL is refused with the list; a Telegram one fills the form.
  await page.goto("/reachability/notifications");
  const apprise = page.getByLabel(/Notification URL \(Apprise style\)/);
  await apprise.fill("mailto://me@home.example");
  await page.getByRole("button", { name: "Fill in" }).click();
  await expect(page.getByText("mailto:// is not supported")).toBeVisible();
  await apprise.fill("tgram://123456:ABCdefGHIjklMNOpqrSTUvwx/123456789");
  await page.getByRole("button", { name: "Fill in" }).click();
  await expect(page.getByLabel("Kind")).toHaveValue("telegram");
  await expect(page.getByLabel("Chat ID")).toHaveValue("123456789");
  await page.getByLabel("Name", { exact: true }).fill("Phone (Telegram)");
  await shoot(page, "channel-apprise", { dark: true });
  await page.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByText("chat 123456789")).toBeVisible();
  await expect(page.getByText("ABCdefGHIjklMNOpqrSTUvwx")).toHaveCount(0);

  expect(errors).toEqual([]);
});
