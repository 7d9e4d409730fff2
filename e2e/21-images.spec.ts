// Images without the internet, in the browser against a real agent: a stack on a connected host
// needs one image the host holds and one it does not; its page and the host's page lead with the
// missing one (and say a deploy would need the internet); the drill counts it; Settings takes a
// registry mirror (a bad one is refused with the reason), after which the missing image would come
// through the mirror, then the mirror is unset again.
import { expect, test } from "@playwright/test";
import { agentBed } from "./agent-bed";
import { signIn, shoot, trackPageErrors, csrfToken } from "./helpers";

const HOST = "e2e-images-host";
const STACK = "e2e-img";
const MISSING = "e2e-img-missing:1";
const SOLO = "e2e-img-solo";

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const bed = agentBed("images");

test("images: presence on the stack and host pages, the drill's count, the registry mirror setting", async ({ page, baseURL }) => {
  const errors = trackPageErrors(page);
  await signIn(page);
  await bed.enroll(page, baseURL!, HOST);
  const csrf = await csrfToken(page.request);
  const hosts = (await (await page.request.get("/api/v1/hosts")).json()) as { items: { id: string; name: string }[] };
  const hostId = hosts.items.find((h) => h.name === HOST)!.id;
  const post = async (path: string, data: unknown) => {
    const r = await page.request.post(path, { headers: { "x-csrf-token": csrf }, data });
    expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    return (await r.json()) as { id: string };
  };
  const compose = `services:\n  here:\n    image: ${bed.image}\n    command: ["sleep", "3600"]\n  gone:\n    image: ${MISSING}\n    command: ["sleep", "3600"]\n`;
  const stack = await post("/api/v1/stacks", { name: STACK, hostId, compose, env: "" });
  const solo = await post("/api/v1/services", { name: SOLO, image: MISSING, hostId });

  // The stack's page: the missing image first, and what that means.
  await page.goto(`/stacks/${stack.id}`);
  const card = page.getByTestId("images-card");
  await expect(card.getByTestId("images-message")).toHaveText("1 of 2 images missing: a deploy needs the internet or a mirror (1 would come from the internet).");
  await expect(card.getByTestId("image-row").first()).toHaveAttribute("data-present", "false");
  await expect(card.getByTestId("image-row").first()).toContainText(MISSING);
  await expect(card.getByTestId("image-row").first()).toContainText("needs the internet to pull");
  await card.scrollIntoViewIfNeeded();
  await shoot(page, "images-stack", { dark: true });

  // The host's page: every image its services and stacks need, with who uses each.
  await page.goto(`/hosts/${hostId}`);
  const hostCard = page.getByTestId("images-card");
  await expect(hostCard.getByTestId("images-message")).toContainText("1 of 2 images missing");
  const missingRow = hostCard.getByTestId("image-row").filter({ hasText: MISSING });
  await expect(missingRow.getByRole("link", { name: `stack ${STACK}` })).toHaveAttribute("href", `/stacks/${stack.id}`);
  await expect(missingRow.getByRole("link", { name: SOLO })).toHaveAttribute("href", `/services/${solo.id}`);
  await shoot(page, "images-host");

  // The drill counts the missing image and says a redeploy would need the internet.
  await page.goto("/drill");
  await page.getByRole("button", { name: "Run drill" }).click();
  await expect(page.getByTestId("drill-images-missing")).toContainText(/need the internet/);
  const row = page.getByTestId(`drill-service-${SOLO}`);
  await expect(row).toContainText("image: no");
  await expect(row).toContainText(`image ${MISSING} is not on ${HOST}: redeploying would need a pull from the internet`);

  // Settings: a mirror with a scheme is refused with the reason; a host:port is taken.
  await page.goto("/settings");
  const section = page.getByTestId("registry-mirror-section");
  const input = section.getByLabel("Mirror (host:port)");
  await input.fill("http://192.168.1.5:5000");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("a registry host such as 192.168.1.5:5000 or mirror.lan:5000 (no scheme, no path)")).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await input.fill("127.0.0.1:5999");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("Now: 127.0.0.1:5999. Leave empty to pull directly.")).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shoot(page, "images-settings", { dark: true });

  // With the mirror set, the missing Docker Hub image would come through it.
  await page.goto(`/stacks/${stack.id}`);
  await expect(page.getByTestId("images-card").getByTestId("image-row").first()).toContainText("pulls through the mirror 127.0.0.1:5999");

  await page.goto("/settings");
  await page.getByTestId("registry-mirror-section").getByRole("button", { name: "Stop using it" }).click();
  await expect(page.getByTestId("registry-mirror-section").getByText("Not set: every image is pulled from its own registry.")).toBeVisible();

  const del = await page.request.delete(`/api/v1/stacks/${stack.id}`, { headers: { "x-csrf-token": csrf } });
  expect(del.status(), await del.text()).toBeLessThan(300);
  const delSolo = await page.request.delete(`/api/v1/services/${solo.id}`, { headers: { "x-csrf-token": csrf } });
  expect(delSolo.status(), await delSolo.text()).toBeLessThan(300);
  expect(errors).toEqual([]);
});
