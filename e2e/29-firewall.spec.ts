// Proving ground → Firewall in the browser with a real agent on this machine: the hosts list, the
// host's rules in words per interface (Docker's chains summarised), the suggested rules with why,
// and a plan preview (the diff and the exact nft text). Nothing is applied: the Apply confirmation
// is opened to read its promise, then cancelled.
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { shoot, signIn, trackPageErrors } from "./helpers";

const HOST = "e2e-firewall-host";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const bed = agentBed("firewall");

test("a host's firewall read through its agent, suggestions and a plan preview", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  const agent = await bed.enroll(page, baseURL!, HOST);

  await page.goto("/proving");
  await page.getByRole("navigation", { name: "Proving ground" }).getByRole("link", { name: "Firewall" }).click();
  await expect(page).toHaveURL(/\/proving\/firewall$/);
  const link = page.getByTestId("firewall-host-link").filter({ hasText: HOST });
  await expect(link).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: HOST })).toContainText("Never changed by Homeport");
  await shoot(page, "firewall-hosts");

  await link.click();
  await expect(page).toHaveURL(/\/proving\/firewall\/[a-z0-9]+$/);
  const view = page.getByTestId("firewall-view");
  await expect(view, `agent output:\n${agent.output()}`).toBeVisible({ timeout: 30_000 });
  // The page leads with whether anything filters what comes in.
  await expect(page.getByTestId("firewall-headline")).toContainText(/inbound/i);
  // Loopback is always there; each interface says what comes in and goes out.
  const lo = page.getByTestId("firewall-interface").filter({ hasText: "127.0.0.1/8" });
  await expect(lo).toContainText("In on lo");
  await expect(lo).toContainText("Out on lo");
  await expect(page.getByTestId("firewall-changes")).toContainText("No changes yet");

  const suggestions = page.getByTestId("firewall-suggestions");
  await expect(suggestions).toContainText("Allow tcp 22 in");
  await expect(suggestions).toContainText("SSH from");
  await shoot(page, "firewall-host", { dark: true });

  // Leaving SSH out changes the preview; the preview shows the exact text Homeport would load.
  await suggestions.getByRole("button", { name: "Preview plan" }).click();
  const preview = page.getByTestId("firewall-preview");
  await expect(preview).toContainText("+ table inet homeport_fw {");
  await expect(preview).toContainText("policy drop;");
  await expect(preview).toContainText("tcp dport 22 accept");
  await preview.getByText("The exact nft text").click();
  await expect(page.getByTestId("firewall-nft-text")).toContainText("ct state established,related accept");
  await shoot(page, "firewall-preview");

  const ssh = suggestions.getByRole("checkbox", { name: /Allow tcp 22 in/ }).first();
  await ssh.uncheck();
  await expect(preview).toHaveCount(0);
  await suggestions.getByRole("button", { name: "Preview plan" }).click();
  await expect(page.getByTestId("firewall-preview")).not.toContainText("tcp dport 22 accept");

  // The admin sees Apply; its confirmation states the dead-man's switch. Cancelled: nothing applied.
  await suggestions.getByRole("button", { name: "Apply…" }).click();
  const dialog = page.getByRole("dialog", { name: `Apply these rules to ${HOST}?` });
  await expect(dialog).toContainText("Rules revert in 60 s unless Homeport can still reach the agent");
  await shoot(page, "firewall-apply-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("firewall-changes")).toContainText("No changes yet");
  expect(errors).toEqual([]);
});
