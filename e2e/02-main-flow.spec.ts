// The main flow on a desktop screen: sign in, create a service and a route, find them in the
// lists, sign out.
import { expect, test } from "@playwright/test";
import { ADMIN, SHOTS, fillService, signIn, trackPageErrors } from "./helpers";

test("sign in, create a service and a route, see them listed, sign out", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/services");
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { name: "No services yet" })).toBeVisible();
  await page.getByRole("link", { name: "Create your first service" }).click();
  await expect(page.getByRole("heading", { name: "New service" })).toBeVisible();

  // The browser checks the form with the server's schema before sending it.
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Please fix the highlighted fields")).toBeVisible();

  await fillService(page, { name: "whoami", image: "traefik/whoami:v1.10", containerPort: "80", hostPort: "8081" });
  await expect(page.getByText("Please fix the highlighted fields")).toBeHidden();
  await expect(page.getByLabel("Host IP 1")).toHaveValue("127.0.0.1");
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("Variable name 1").fill("TZ");
  await page.getByLabel("Variable value 1").fill("Europe/Paris");
  await page.getByRole("button", { name: "Add volume" }).click();
  await page.getByLabel("Volume source 1").fill("whoami-data");
  await page.getByLabel("Volume target 1").fill("/data");
  await page.getByRole("textbox", { name: "Command (optional)" }).fill("--port 80 --verbose");
  await page.getByRole("radio", { name: "Offline" }).check({ force: true });
  await page.getByLabel("Run a healthcheck").check();
  await page.getByLabel("Check command").fill("wget -q -O- http://127.0.0.1:80/");
  await page.screenshot({ path: `${SHOTS}/service-form-desktop.png`, fullPage: true });
  await page.getByRole("button", { name: "Create service" }).click();

  await expect(page.getByRole("heading", { name: "whoami" })).toBeVisible();
  await expect(page.getByText("Created service whoami")).toBeVisible();
  await expect(page.getByLabel("Variable name 1")).toHaveValue("TZ");
  await expect(page.getByRole("textbox", { name: "Command (optional)" })).toHaveValue("--port 80 --verbose");
  await expect(page.getByLabel("Check command")).toHaveValue("wget -q -O- http://127.0.0.1:80/");
  await page.screenshot({ path: `${SHOTS}/service-detail-desktop.png` });

  // A duplicate name is refused with a clear conflict banner.
  await page.goto("/services/new");
  await fillService(page, { name: "whoami", image: "nginx:1.27", containerPort: "8080" });
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'A service named "whoami" already exists' })).toBeVisible();

  // A second service, so the list has more than one row.
  await page.getByLabel("Name", { exact: true }).fill("jellyfin");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByRole("heading", { name: "jellyfin" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "whoami" })).toBeVisible();
  await expect(table.getByRole("link", { name: "jellyfin" })).toBeVisible();
  await expect(table.getByText("8081→80")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search services" }).fill("jelly");
  await expect(table.getByRole("link", { name: "whoami" })).toBeHidden();
  await expect(table.getByRole("link", { name: "jellyfin" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search services" }).fill("");
  await expect(table.getByRole("link", { name: "whoami" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/services-list-desktop.png`, fullPage: true });

  // A route to the service's port.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Routes" }).click();
  await page.getByRole("link", { name: "Create your first route" }).click();
  await page.getByLabel("Hostname").fill("whoami.home.example");
  await page.getByLabel("Service", { exact: true }).selectOption({ label: "whoami" });
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue("80");
  await page.getByRole("radio", { name: "LAN and remote" }).check({ force: true });
  await expect(page.getByText("The same URL everywhere")).toBeVisible();
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByRole("heading", { name: "whoami.home.example" })).toBeVisible();
  await expect(page.getByRole("region", { name: "How this hostname is served" }).getByText("Public DNS record")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/route-detail-desktop.png`, fullPage: true });

  // A hostname can be routed only once.
  await page.goto("/routes/new");
  await page.getByLabel("Hostname").fill("WHOAMI.home.example");
  await page.getByRole("radio", { name: "An upstream URL" }).check({ force: true });
  await page.getByRole("textbox", { name: "Upstream URL" }).fill("http://192.168.1.20:8080");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByText('whoami.home.example is already routed to service "whoami"')).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Routes" }).click();
  const routes = page.getByRole("table");
  await expect(routes.getByRole("link", { name: "whoami.home.example" })).toBeVisible();
  await expect(routes.getByText("LAN + remote")).toBeVisible();

  // The overview counts what was made and the audit log recorded it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("count-services")).toHaveText("2");
  await expect(page.getByTestId("count-routes")).toHaveText("1");
  await expect(page.getByRole("link", { name: "Created route" }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview-desktop.png`, fullPage: true });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
  await expect(page.getByRole("heading", { name: "No hosts yet" })).toBeVisible();
  await expect(page.getByText("Hosts appear here when a Homeport agent enrolls")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/hosts-desktop.png` });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByRole("button", { name: "Services" }).click();
  await expect(page.getByRole("table").getByText("service.create").first()).toBeVisible();
  await expect(page.getByRole("table").getByText("route.create")).toBeHidden();

  // Sign out from the account menu.
  await page.getByRole("button", { name: `Account menu for ${ADMIN.username}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  expect(errors, "errors in the browser console").toEqual([]);
});
