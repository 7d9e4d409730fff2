// Runs last: repeated wrong passwords pause sign-in from this address, and the page says for how
// long; the admin signing in from another address is not locked out.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./helpers";

/** POSTs a sign-in from another loopback source address (127.0.0.2), as another machine would. */
function signInFromElsewhere(baseURL: string, creds: { username: string; password: string }): Promise<number> {
  const url = new URL("/api/auth/login", baseURL);
  const body = JSON.stringify(creds);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: "127.0.0.2", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("after five wrong passwords sign-in is paused here with a clear message, not for the admin elsewhere", async ({ page, baseURL }) => {
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
  // The lock-out is per address and account: the admin on another machine still gets in at once.
  expect(await signInFromElsewhere(baseURL!, ADMIN)).toBe(200);
});
