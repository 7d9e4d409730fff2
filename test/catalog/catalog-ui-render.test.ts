// Server-renders the catalog pages' pieces: the grid leads with templates that did not load (and
// why), shows each app's icon, badges and the stacks installed from it as links; the install form
// turns each variable type into its own control with its default, offers connected hosts first
// and a free stack name, explains offline egress; the plan is a checklist that leads with missing
// images; a 422's field errors land by their fields; viewers get no install controls.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import type { UserRole } from "@/lib/auth/schemas";
import { CatalogGrid } from "@/components/catalog/catalog-grid";
import { AppPage } from "@/components/catalog/app-page";
import { InstallPlanView } from "@/components/catalog/install-plan";
import { VariableField } from "@/components/catalog/variable-field";
import { errorsByField } from "@/components/catalog/catalog-model";
import type { CatalogAppDetail, CatalogAppSummary, InstallPlan } from "@/components/catalog/catalog-types";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }), usePathname: () => "/catalog" }));

const render = (el: ReturnType<typeof createElement>, role: UserRole = "operator") =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: el }) }));
/** The page's text without markup, entities decoded, spaced as a reader sees it. */
const textOf = (html: string) =>
  html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/\s+/g, " ").replace(/\s+([:,)]|\.(?=\s|$))/g, "$1").replace(/\(\s+/g, "(");
/** The opening tag of the element with this id (React orders attributes its own way). */
const tagById = (html: string, id: string) => html.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`))?.[0] ?? `(no element #${id})`;
const tagsOf = (html: string, testId: string) => html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`, "g")) ?? [];

const summary = (over: Partial<CatalogAppSummary>): CatalogAppSummary => ({
  id: "app", name: "App", description: "An app.", category: "development", version: 1, source: "builtin", website: null,
  hasIcon: false, egress: "open", gpu: "none", images: ["busybox:1.36"], installed: [], ...over,
});

const APPS: CatalogAppSummary[] = [
  summary({ id: "forgejo", name: "Forgejo", description: "A self-hosted Git forge.", category: "development", hasIcon: true, installed: ["forgejo", "git2"], images: ["codeberg.org/forgejo/forgejo:11", "postgres:16-alpine"] }),
  summary({ id: "ollama", name: "Ollama", description: "Run large language models locally.", category: "ai", egress: "offline", gpu: "optional" }),
  summary({ id: "mine", name: "My tool", description: "Something of my own.", category: "development", source: "user" }),
];

describe("the catalog grid", () => {
  const html = render(createElement(CatalogGrid, { apps: APPS, broken: [{ id: "half-done", source: "user", message: "template.yaml: category: not one of the categories" }], stackIds: { forgejo: "stk1" } }));
  const text = textOf(html);

  it("leads with the templates that did not load, naming the folder and the reason", () => {
    expect(text.indexOf("1 template could not be loaded")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("1 template could not be loaded")).toBeLessThan(text.indexOf("Forgejo"));
    expect(tagsOf(html, "broken-template")[0]).toContain('data-id="half-done"');
    expect(text).toContain("half-done (your templates): template.yaml: category: not one of the categories");
  });

  it("shows each app with its icon (or a monogram), a line, its badges and a link to install it", () => {
    expect(tagsOf(html, "app-card")).toHaveLength(3);
    expect(html).toMatch(/<img[^>]*src="\/api\/v1\/catalog\/forgejo\/icon"[^>]*alt=""/);
    expect(tagsOf(html, "app-monogram")).toHaveLength(2);
    expect(html).toContain('href="/catalog/ollama"');
    const ollama = html.slice(html.indexOf('data-id="ollama"'), html.indexOf('data-id="mine"'));
    expect(textOf(ollama)).toMatch(/Ollama .*Local AI .*Run large language models locally\. .*Offline .*GPU optional/);
    expect(textOf(html.slice(html.indexOf('data-id="mine"')))).toContain("Your template");
  });

  it("links an installed app to the stack made from it, and names a stack it cannot link", () => {
    const badges = tagsOf(html, "installed-badge");
    expect(badges).toHaveLength(1);
    expect(badges[0]).toContain('href="/stacks/stk1"');
    expect(badges[0]).toContain('aria-label="Installed as stack forgejo"');
    expect(text).toContain("Installed: git2");
    expect(text).toContain("3 apps · 1 installed");
  });

  it("offers one toggle chip per category present, with counts, plus All pressed", () => {
    expect(html).toMatch(/<div role="group" aria-label="Category"/);
    expect(html).toMatch(/<button type="button"[^>]*aria-pressed="true"[^>]*>All<\/button>/);
    const chips = tagsOf(html, "category-chip");
    expect(chips).toHaveLength(2);
    expect(text).toMatch(/Development 2 .*Local AI 1/);
    expect(html).toMatch(/<input[^>]*type="search" aria-label="Search apps"/);
  });
});

const DETAIL: CatalogAppDetail = {
  ...summary({ id: "forgejo", name: "Forgejo", installed: ["forgejo"], egress: "open" }),
  variables: [
    { name: "DB_PASSWORD", label: "Database password", type: "password", generate: true, description: "Used only between Forgejo and its database.", default: null, required: true, options: null },
    { name: "HTTP_PORT", label: "Web port on the host", type: "port", generate: false, description: null, default: 3001, required: true, options: null },
    { name: "TZ", label: "Time zone", type: "string", generate: false, description: null, default: "Etc/UTC", required: false, options: null },
    { name: "REGISTRATION", label: "Open registration", type: "boolean", generate: false, description: null, default: true, required: true, options: null },
    { name: "LOG_LEVEL", label: "Log level", type: "enum", generate: false, description: null, default: "warn", required: true, options: ["info", "warn", "error"] },
  ],
  route: { service: "forgejo", port: 3000 },
  checks: [{ name: "Forgejo web", service: "forgejo", port: 3000, type: "http", path: "/api/healthz", expectStatus: 200 }],
  backup: [{ volume: "forgejo-data", description: "Repositories and attachments" }],
  notes: "The first account you register becomes the administrator.",
  compose: "services: {}\n",
};
const HOSTS = [{ id: "h-b", name: "basement", online: false }, { id: "h-n", name: "nas", online: true }];

describe("the install page", () => {
  const html = render(createElement(AppPage, { app: DETAIL, hosts: HOSTS, stackIds: { forgejo: "stk1" } }));
  const text = textOf(html);

  it("turns each variable into a control of its type, filled with its default", () => {
    const pw = tagById(html, "var-DB_PASSWORD");
    for (const a of ['type="password"', 'autoComplete="new-password"', 'placeholder="generated when left empty"', 'value=""']) expect(pw).toContain(a);
    expect(html).toMatch(/aria-label="Show Database password"/);
    expect(html).toMatch(/aria-label="Generate Database password"/);
    expect(text).toContain("Leave empty and Homeport generates a random 32-character password");
    const port = tagById(html, "var-HTTP_PORT");
    for (const a of ['type="number"', 'inputMode="numeric"', 'min="1"', 'max="65535"', 'value="3001"']) expect(port).toContain(a);
    expect(tagById(html, "var-TZ")).toContain('value="Etc/UTC"');
    expect(tagById(html, "var-TZ")).toContain('type="text"');
    const sw = tagById(html, "var-REGISTRATION");
    for (const a of ['role="switch"', 'aria-checked="true"', 'aria-labelledby="var-REGISTRATION-label"']) expect(sw).toContain(a);
    expect(html).toMatch(/<select[^>]*id="var-LOG_LEVEL"[^>]*><option value="info">info<\/option><option value="warn" selected="">warn<\/option>/);
    expect(text).toMatch(/Time zone TZ \(optional\)/);
    // A generated password is filled when left empty: not "optional", the hint says what happens.
    expect(text).toMatch(/Database password DB_PASSWORD Show Generate/);
    expect(html).toMatch(/<label[^>]*for="var-HTTP_PORT"/);
  });

  it("says where the app is installed already, linking the stack", () => {
    expect(html).toMatch(/<a[^>]*href="\/stacks\/stk1"[^>]*>forgejo<\/a>/);
    expect(textOf(html)).toContain("Installing again makes another stack beside it");
  });

  it("proposes a stack name not taken yet and offers connected hosts first", () => {
    expect(tagById(html, "stackName")).toContain('value="forgejo-2"');
    const options = [...html.matchAll(/<option value="(h-[a-z])"[^>]*>(.*?)<\/option>/g)].map((m) => `${m[1]}:${m[2]!.replace(/<!-- -->/g, "")}`);
    expect(options).toEqual(["h-n:nas", "h-b:basement (not connected)"]);
    // The one connected host is chosen already.
    expect(html).toMatch(/<option value="h-n" selected="">/);
  });

  it("asks for a hostname for the web interface, and egress open by the template's default with what it means", () => {
    expect(tagById(html, "hostname")).toMatch(/^<input/);
    expect(text).toContain("A name for the web interface (forgejo, port 3000)");
    expect(html).toMatch(/<input type="radio"[^>]*name="egress" checked="" value="open"/);
    expect(text).toContain("Open: the services reach the internet");
    expect(html).toMatch(/<button type="submit"[^>]*>Review plan<\/button>/);
  });

  it("shows the app's notes, images, route, checks and volumes to back up", () => {
    expect(text).toContain("The first account you register becomes the administrator.");
    expect(text).toContain("Forgejo web (HTTP forgejo:3000/api/healthz)");
    expect(text).toContain("Worth backing up forgejo-data: Repositories and attachments");
  });

  it("defaults a local AI app to offline and says what offline means", () => {
    const ai = render(createElement(AppPage, { app: { ...DETAIL, id: "ollama", name: "Ollama", egress: "offline", route: null, variables: [] }, hosts: HOSTS, stackIds: {} }));
    expect(ai).toMatch(/<input type="radio"[^>]*name="egress" checked="" value="offline"/);
    expect(textOf(ai)).toContain("Offline (recommended)");
    expect(textOf(ai)).toContain("every network the app's services join is internal");
    expect(textOf(ai)).toContain("Homeport proves it");
    expect(ai).not.toMatch(/id="hostname"/);
  });

  it("gives a viewer the details and no install control", () => {
    const viewer = render(createElement(AppPage, { app: DETAIL, hosts: HOSTS, stackIds: {} }), "viewer");
    expect(textOf(viewer)).toContain("an operator or an admin installs apps");
    expect(textOf(viewer)).toContain("The first account you register becomes the administrator.");
    expect(viewer).not.toMatch(/Review plan|id="var-|id="stackName"|>Install</);
  });
});

describe("field errors from the server", () => {
  it("keys a 422's issues by variable name and shows each by its field", () => {
    const errs = errorsByField([{ path: "values.HTTP_PORT", message: "a port, 1–65535" }, { path: "stackName", message: "taken" }, { path: "values.HTTP_PORT", message: "second" }]);
    expect(errs).toEqual({ HTTP_PORT: "a port, 1–65535", stackName: "taken" });
    const html = render(createElement(VariableField, { variable: DETAIL.variables[1]!, value: "70000", onChange: () => {}, error: errs.HTTP_PORT }));
    expect(tagById(html, "var-HTTP_PORT")).toContain('aria-invalid="true"');
    expect(tagById(html, "var-HTTP_PORT")).toContain('aria-describedby="var-HTTP_PORT-hint var-HTTP_PORT-error"');
    expect(tagById(html, "var-HTTP_PORT-error")).toContain('role="alert"');
    expect(html).toMatch(/id="var-HTTP_PORT-error"[^>]*>a port, 1–65535<\/p>/);
  });
});

describe("the plan", () => {
  const plan: InstallPlan = {
    stack: {
      name: "forgejo-2", hostId: "h-n", egress: "offline", gpu: false,
      services: [{ key: "db", name: "forgejo-2-db", image: "postgres:16-alpine", ports: [] }, { key: "forgejo", name: "forgejo-2-forgejo", image: "codeberg.org/forgejo/forgejo:11", ports: ["3001→3000/tcp"] }],
      plan: { ok: true, errors: [], warnings: [], changes: 2, steps: [
        { key: "db", name: "forgejo-2-db", action: "create", reasons: [], level: 0, serviceId: null },
        { key: "forgejo", name: "forgejo-2-forgejo", action: "create", reasons: [], level: 1, serviceId: null },
      ] },
    },
    route: { hostname: "git.home.example", exposure: "lan", service: "forgejo", port: 3000 },
    dns: [
      { part: "lan-dns", action: "create", summary: "git.home.example A 192.168.1.10 in home.example at bind", reason: null, details: {}, status: null },
      { part: "tunnel", action: "skip", summary: "", reason: "LAN only: no tunnel rule", details: {}, status: null },
    ],
    checks: [{ name: "Forgejo web", type: "http", target: "https://git.home.example/api/healthz" }],
    skippedChecks: [],
    images: [{ image: "postgres:16-alpine", present: true }, { image: "codeberg.org/forgejo/forgejo:11", present: false }],
    generated: ["DB_PASSWORD"],
  };
  const html = render(createElement(InstallPlanView, { plan, hostName: "nas" }));
  const text = textOf(html);

  it("leads with the images the host is missing and says a pull needs the internet or a mirror", () => {
    expect(text.indexOf("1 of 2 images missing on the host")).toBeLessThan(text.indexOf("Stack forgejo-2"));
    expect(text).toContain("which needs the internet or a registry mirror");
    const images = tagsOf(html, "plan-image");
    expect(images).toHaveLength(2);
    expect(text).toMatch(/codeberg\.org\/forgejo\/forgejo:11 missing: will be pulled .*postgres:16-alpine on the host/);
  });

  it("lists the stack's services in rollout order, the route with its DNS parts, the checks and the generated secrets", () => {
    expect(text).toMatch(/Stack forgejo-2 on nas \(2\) db postgres:16-alpine created, rollout level 1 · no published ports forgejo .*rollout level 2 · ports 3001→3000\/tcp/);
    expect(text).toMatch(/git\.home\.example → forgejo:3000 LAN only/);
    expect(text).toMatch(/LAN DNS record create git\.home\.example A 192\.168\.1\.10/);
    expect(text).toContain("LAN only: no tunnel rule");
    expect(text).toMatch(/Forgejo web HTTP https:\/\/git\.home\.example\/api\/healthz/);
    expect(text).toContain("Random passwords generated for DB_PASSWORD");
    expect(text).toContain("Offline: every network the services join is internal");
    // One element per line a browser test (or a screen reader's landmark list) looks for.
    for (const id of ["plan-egress", "plan-route", "plan-generated"]) expect(tagsOf(html, id), id).toHaveLength(1);
    expect(tagsOf(html, "plan-dns")).toHaveLength(2);
  });

  it("says so when the host cannot be asked which images it holds", () => {
    const unknown = textOf(render(createElement(InstallPlanView, { plan: { ...plan, images: plan.images.map((i) => ({ ...i, present: null })) }, hostName: "nas" })));
    expect(unknown).toContain("The host's agent is not connected");
  });
});
