// The egress proof in the browser: an admin sets the proof's addresses and names in Settings (a bad
// line is refused with its line number), deploys an offline service on a real agent and sees "No
// egress — verified" lead its page; with its container stopped, Verify now says it could not be
// verified, and the stack-free service keeps the proof. The proof aims at the container's own
// loopback (127.0.0.1:9, nothing listens) so nothing leaves the machine; the settings are given
// back at the end. Desktop, phone and dark screenshots.
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { csrfToken, docker, fillService, signIn, shoot, trackPageErrors } from "./helpers";

const HOST = "e2e-egress-host";
const SERVICE = "e2e-egress-ai";
const PROOF_TARGET = "127.0.0.1:9";
const PROOF_NAME = "egress-proof.e2e.invalid";
const PROOF_TIMEOUT_MS = 60_000;

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const bed = agentBed("egress");
let saved: { targets: string; names: string } | undefined;

test("an offline service is proven to have no egress, and says so first", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);

  // Settings: the proof's addresses and names; a bad line is refused with its number.
  await page.goto("/settings");
  const section = page.getByTestId("egress-proof-section");
  await expect(section.getByRole("heading", { name: "Egress proof" })).toBeVisible();
  const targets = section.getByLabel("Addresses it must not reach");
  const names = section.getByLabel("Names it must not resolve");
  saved = { targets: await targets.inputValue(), names: await names.inputValue() };
  await targets.fill(`${PROOF_TARGET}\nnot an address`);
  await names.fill(PROOF_NAME);
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("Line 2: an address and port such as 1.1.1.1:443")).toBeVisible();
  await targets.fill(PROOF_TARGET);
  await section.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Egress proof targets saved")).toBeVisible();
  await shoot(page, "settings-egress-proof", { dark: true });
  await page.reload();
  await expect(page.getByTestId("egress-proof-section").getByLabel("Addresses it must not reach")).toHaveValue(PROOF_TARGET);

  // An offline service on a real agent.
  const agent = await bed.enroll(page, baseURL!, HOST);
  await page.goto("/services/new");
  await fillService(page, { name: SERVICE, image: bed.image, containerPort: "8080" });
  await page.getByLabel("Target host").selectOption({ label: HOST });
  await page.getByRole("radio", { name: "Offline" }).check({ force: true }); // the visible part is its label
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  const serviceId = /\/services\/([a-z0-9]+)/i.exec(page.url())?.[1];
  expect(serviceId).toBeTruthy();
  bed.removeOnExit(serviceId!);
  // Before the first rollout: not verified yet (or, once the automatic checks ran it, no container to prove).
  await expect(page.getByRole("status", { name: "Egress proof" })).toContainText(/Not verified yet|Egress not verified: no container/);

  // The rollout runs the proof; the page updates live.
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByTestId("latest-deployment"), `agent output:\n${agent.output()}`).toContainText("succeeded", { timeout: 60_000 });
  const proof = page.getByRole("status", { name: "Egress proof" });
  await expect(proof, `agent output:\n${agent.output()}`).toContainText("No egress — verified", { timeout: PROOF_TIMEOUT_MS });
  await expect(proof).toHaveAttribute("data-egress-proof", "verified");
  await expect(proof).toContainText("tried 1 address and 1 name");
  await shoot(page, "service-egress-verified", { dark: true });

  // Stopped: Verify now cannot prove anything and says why (unknown, not verified).
  const container = (await docker("ps", "-q", "--filter", `label=homeport.service-id=${serviceId}`, "--filter", "status=running")).split("\n")[0]!;
  await docker("stop", "-t", "1", container);
  await proof.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status", { name: "Egress proof" })).toContainText("Egress not verified: the service's container is exited", { timeout: 20_000 });
  await shoot(page, "service-egress-unknown");
  expect(errors).toEqual([]);
});

test.afterAll(async ({ browser }) => {
  if (!saved) return;
  // Given back through the API: a form filled before it hydrates can lose the typing.
  const page = await browser.newPage();
  await signIn(page);
  const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
  const r = await page.request.patch("/api/v1/settings", {
    headers: { "x-csrf-token": await csrfToken(page.request) },
    data: { egressProofTargets: lines(saved.targets), egressProofNames: lines(saved.names) },
  });
  expect(r.status(), await r.text()).toBe(200);
  await page.close();
});
