// The host page's Addresses card with a real agent on this machine: a new host says scans skip it,
// bad input is refused in words before anything is sent, a typed address is saved and survives a
// reload, the agent's own interface addresses are offered (never loopback or link-local) and one
// click adds one, and a remove button takes an address off.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { shoot, signIn, trackPageErrors } from "./helpers";
import { parseInterfaces } from "../agents/firewall/nft";
import { suggestAddresses } from "../components/hosts/host-addresses-check";

const run = promisify(execFile);
const HOST = "e2e-addresses-host";
const TYPED = "198.51.100.20";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const bed = agentBed("addresses");

test("set a host's addresses: words for bad input, saved, suggested from its interfaces", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  const agent = await bed.enroll(page, baseURL!, HOST);
  await page.getByTestId("host-row").filter({ hasText: HOST }).getByRole("link", { name: HOST }).click();
  await expect(page).toHaveURL(/\/hosts\/[a-z0-9]+$/);

  const card = page.getByRole("region", { name: "Addresses", exact: true });
  await expect(card).toContainText("Homeport scans nothing else");
  await expect(card).toContainText("No addresses yet: exposure scans skip this host.");

  // Refused in words, nothing sent.
  const input = card.getByLabel("Add an address");
  const add = card.getByRole("button", { name: "Add address", exact: true });
  await input.fill("198.51.100.300");
  await add.click();
  await expect(card.getByRole("alert")).toHaveText('"198.51.100.300" is not an IPv4 or IPv6 address (such as 192.168.1.10 or 2001:db8::10).');
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await input.fill("nas.local");
  await add.click();
  await expect(card.getByRole("alert")).toContainText("is a name, not an IP address");
  await input.fill(`${TYPED}/24`);
  await add.click();
  await expect(card.getByRole("alert")).toContainText(`without a prefix length: ${TYPED} rather than ${TYPED}/24`);
  await expect(card).toContainText("No addresses yet");

  // A good one is saved and listed; it is still there after a reload; a second time it is a duplicate.
  await input.fill(TYPED);
  await input.press("Enter");
  await expect(card.getByRole("status")).toHaveText(`Added ${TYPED}`);
  await expect(card.getByRole("button", { name: `Remove ${TYPED}` })).toBeVisible();
  await expect(card).not.toContainText("No addresses yet");
  await expect(input).toHaveValue("");
  await page.reload();
  await expect(card.getByRole("list", { name: "Addresses" })).toContainText(TYPED);
  await input.fill(` ${TYPED} `);
  await add.click();
  await expect(card.getByRole("alert")).toHaveText(`${TYPED} is already listed.`);

  // The agent's interfaces, read the way the agent reads them: what is reachable is offered, loopback never.
  const { stdout } = await run("ip", ["-j", "addr"]);
  const expected = suggestAddresses(parseInterfaces(stdout), [TYPED]);
  expect(expected.length, `this machine has an address worth suggesting:\n${stdout}`).toBeGreaterThan(0);
  const seen = card.getByRole("region", { name: "Seen on the host" });
  await expect(seen, `agent output:\n${agent.output()}`).not.toContainText("Asking the agent", { timeout: 30_000 });
  for (const s of expected) await expect(seen.getByRole("button", { name: `Add ${s.address} (seen on ${s.interface})` })).toBeVisible();
  await expect(seen.getByRole("button")).toHaveCount(expected.length);
  await expect(seen).not.toContainText("127.0.0.1");
  await expect(seen).not.toContainText("fe80:");
  await shoot(page, "host-addresses", { dark: true });

  const first = expected[0]!;
  await seen.getByRole("button", { name: `Add ${first.address} (seen on ${first.interface})` }).click();
  await expect(card.getByRole("status")).toHaveText(`Added ${first.address}`);
  await expect(card.getByRole("list", { name: "Addresses" })).toContainText(first.address);
  await expect(seen.getByRole("button", { name: `Add ${first.address} (seen on ${first.interface})` })).toHaveCount(0);

  // Removing one takes it off, for good.
  await card.getByRole("button", { name: `Remove ${TYPED}` }).click();
  await expect(card.getByRole("status")).toHaveText(`Removed ${TYPED}`);
  await page.reload();
  await expect(card.getByRole("list", { name: "Addresses" })).not.toContainText(TYPED);
  await expect(card.getByRole("list", { name: "Addresses" })).toContainText(first.address);
  expect(errors).toEqual([]);
});
