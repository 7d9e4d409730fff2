// Server-renders the stacks pages' pieces with real answers of the stacks domain (a Compose file
// checked by validateStackFile, a plan made by planStack): problems carry their line as a button,
// the plan is grouped by level with each recreate's reasons, a rollout shows each step's state and,
// when it failed, why at the top; Remove leaves the volumes box unticked; a broken stack leads
// with what is broken; a stack's service form is read-only.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import { loadStack, validateStackFile, type StackPlanView, type StackRolloutView, type StackView } from "@/lib/stacks";
import { planStack, type CurrentService } from "@/lib/stacks/plan";
import { ValidationPanel } from "@/components/stacks/validation-panel";
import { StackFileFields } from "@/components/stacks/stack-file-fields";
import { StackPlanCard } from "@/components/stacks/stack-plan-card";
import { StackRolloutCard } from "@/components/stacks/stack-rollout-card";
import { StackRemoveDialog } from "@/components/stacks/stack-dialogs";
import { StacksList } from "@/components/stacks/stacks-list";
import { StackPage } from "@/components/stacks/stack-page";
import { ServiceForm } from "@/components/services/service-form";
import type { ServiceView } from "@/lib/inventory/schemas";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }), usePathname: () => "/stacks" }));

// Rendered as an admin (write controls are hidden from viewers, see components/auth/role-context).
const render = (el: ReturnType<typeof createElement>) => renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role: "admin", children: el }) }));
const noop = () => {};
/** The page's text without markup, entities decoded (what a reader sees, in order). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
/** Opening tags of the elements with this data-testid. */
const tagsOf = (html: string, testId: string) => html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`, "g")) ?? [];

const COMPOSE = `services:
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD", "pg_isready"]
  web:
    image: \${WEB_IMAGE}
    ports: ["127.0.0.1:8080:80"]
    depends_on:
      db: { condition: service_healthy }
  worker:
    image: busybox:1.36
    depends_on: [db]
`;

describe("the live check of a Compose file", () => {
  it("gives each problem its line as a button, and marks .env problems as the .env's", () => {
    const broken = COMPOSE.replace("    ports:", "    prots:");
    const v = validateStackFile({ name: "lab", compose: broken, env: "WEB_IMAGE=nginx:1.27\n" });
    expect(v.ok).toBe(false);
    const html = render(createElement(ValidationPanel, { validation: v, checking: false, onGoTo: noop }));
    const line = broken.split("\n").findIndex((l) => l.includes("prots:")) + 1;
    expect(tagsOf(html, "stack-error")[0]).toContain(`data-line="${line}"`);
    expect(html).toMatch(new RegExp(`<button[^>]*aria-label="Line ${line}: go to the line"[^>]*>Line ${line}</button>`));
    expect(textOf(html)).toContain("prots");
    expect(textOf(html)).toContain("1 problem to fix");

    const badEnv = validateStackFile({ name: "lab", compose: COMPOSE, env: "WEB_IMAGE=nginx\nnot a line\n" });
    const envHtml = render(createElement(ValidationPanel, { validation: badEnv, checking: false, onGoTo: noop }));
    expect(tagsOf(envHtml, "stack-error")[0]).toContain('data-line="2"');
    expect(envHtml).toContain(">.env line 2</button>");
  });

  it("marks each problem's line in the gutter of the editor it belongs to", () => {
    const broken = COMPOSE.replace("    ports:", "    prots:");
    const v = validateStackFile({ name: "lab", compose: broken, env: "WEB_IMAGE=nginx\nnot a line\n" });
    const html = render(createElement(StackFileFields, {
      idPrefix: "t", compose: broken, onCompose: noop, env: "WEB_IMAGE=nginx\nnot a line\n", onEnv: noop, envHint: "", validation: { data: v, checking: false, error: null },
    }));
    const gutters = html.match(/<div aria-hidden="true"[^>]*select-none[^>]*>(.*?)<\/div><textarea/g) ?? [];
    expect(gutters).toHaveLength(2);
    const marked = (g: string) => [...g.matchAll(/<div class="font-semibold text-red-600[^"]*">(\d+)<\/div>/g)].map((m) => Number(m[1]));
    // The .env problem comes first (the .env is read before the file); the file's own problem shows once the .env is fixed.
    expect(marked(gutters[0]!)).toEqual([]);
    expect(marked(gutters[1]!)).toEqual([2]);
    const fixed = validateStackFile({ name: "lab", compose: broken, env: "WEB_IMAGE=nginx\n" });
    const html2 = render(createElement(StackFileFields, {
      idPrefix: "t", compose: broken, onCompose: noop, env: "WEB_IMAGE=nginx\n", onEnv: noop, envHint: "", validation: { data: fixed, checking: false, error: null },
    }));
    const line = broken.split("\n").findIndex((l) => l.includes("prots:")) + 1;
    expect(marked((html2.match(/<div aria-hidden="true"[^>]*select-none[^>]*>(.*?)<\/div><textarea/g) ?? [])[0]!)).toEqual([line]);
    expect(html2).toMatch(/<textarea[^>]*aria-labelledby="t-compose-label"[^>]*aria-invalid="true"/);
  });

  it("lists the services it would run with ports and dependencies, and which variables the .env sets", () => {
    const v = validateStackFile({ name: "lab", compose: COMPOSE, env: "WEB_IMAGE=nginx:1.27\n" });
    expect(v.ok).toBe(true);
    const html = render(createElement(ValidationPanel, { validation: v, checking: false, onGoTo: noop }));
    const text = textOf(html);
    expect(text).toContain("No problems: 3 services");
    expect(text).toMatch(/web nginx:1\.27 ports 127\.0\.0\.1:8080→80\/tcp · depends on db/);
    expect(text).toMatch(/worker busybox:1\.36 no published ports · depends on db/);
    expect(html).toMatch(/data-testid="validated-variable" data-set="true"[^>]*>.*WEB_IMAGE.*set</);
  });
});

function currentFrom(compose: string, env: string): CurrentService[] {
  const r = loadStack({ name: "lab", compose, env });
  if (!r.ok) throw new Error("fixture does not load");
  return r.services.map(({ dependsOn: _d, ...s }) => ({ ...s, id: `id-${s.key}`, container: { state: "running", health: null }, containerCurrent: true }));
}

describe("the plan card", () => {
  // What runs: the file with web on nginx:1.26, and an "old" service the new file drops.
  const running = currentFrom(`${COMPOSE}  old:\n    image: busybox:1.35\n`, "WEB_IMAGE=nginx:1.26\n");
  const wanted = loadStack({ name: "lab", compose: COMPOSE.replace("image: busybox:1.36", "image: busybox:1.36\n    environment: { MODE: fast }"), env: "WEB_IMAGE=nginx:1.27\n" });
  if (!wanted.ok) throw new Error("fixture does not load");
  const p = planStack(wanted.services, running);
  const plan: StackPlanView = { ok: true, errors: [], warnings: [], steps: p.steps, changes: p.changes };
  const apply = { onApply: noop, pending: false, blocked: null, error: null, pull: false, onPull: noop };

  it("groups the steps by level in rollout order, removals last, with why each service is recreated", () => {
    const html = render(createElement(StackPlanCard, { plan, loading: false, error: null, apply }));
    const text = textOf(html);
    expect(text).toMatch(/Level 1 \(first\) unchanged db .*Level 2 recreate web .*recreate worker .*Then removed remove old/);
    expect(text).toContain("image (nginx:1.26 → nginx:1.27)");
    expect(text).toContain("environment (MODE)");
    expect(text).toContain("no longer in the file");
    expect(text).toContain("Applying the file now: 2 to recreate, 1 to remove, 1 unchanged.");
    expect(tagsOf(html, "plan-step").map((t) => /data-key="([^"]+)" data-action="([^"]+)"/.exec(t)?.slice(1).join(":"))).toEqual(["db:unchanged", "web:recreate", "worker:recreate", "old:remove"]);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Apply<\/button>/);
  });

  it("offers no Apply while a rollout runs, and says so", () => {
    const html = render(createElement(StackPlanCard, { plan, loading: false, error: null, apply: { ...apply, blocked: "An apply is under way; wait for it to end." } }));
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Apply<\/button>/);
    expect(textOf(html)).toContain("An apply is under way");
  });

  it("shows a file that cannot be applied as its problems, with lines, and no Apply", () => {
    const bad: StackPlanView = { ok: false, errors: [{ path: "services.web.image", line: 7, column: 12, message: "required" }], warnings: [], steps: [], changes: 0 };
    const html = render(createElement(StackPlanCard, { plan: bad, loading: false, error: null, apply }));
    expect(textOf(html)).toContain("The file cannot be applied");
    expect(tagsOf(html, "stack-error")[0]).toContain('data-line="7"');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Apply<\/button>/);
  });
});

const at = "2026-03-01T10:00:00.000Z";
const failedRollout: StackRolloutView = {
  id: "r2", stackId: "st1", version: 2, status: "failed", actorName: "admin", createdAt: at, finishedAt: at,
  error: "web: the new container never became healthy (3 failed checks); the rollout stopped there",
  steps: [
    { key: "db", name: "lab-db", action: "unchanged", reasons: [], level: 0, serviceId: "id-db", status: "unchanged", message: null, deploymentId: null },
    { key: "web", name: "lab-web", action: "recreate", reasons: ["healthcheck"], level: 1, serviceId: "id-web", status: "failed", message: "the new container never became healthy (3 failed checks)", deploymentId: "d1" },
    { key: "worker", name: "lab-worker", action: "recreate", reasons: ["image"], level: 1, serviceId: "id-worker", status: "succeeded", message: "healthy", deploymentId: "d2" },
    { key: "proxy", name: "lab-proxy", action: "create", reasons: [], level: 2, serviceId: null, status: "skipped", message: "not started: an earlier service failed", deploymentId: null },
  ],
};

describe("the rollout card", () => {
  it("puts a failed rollout's reason at the top and shows each step's state and message", () => {
    const html = render(createElement(StackRolloutCard, { rollout: failedRollout }));
    const text = textOf(html);
    expect(text.indexOf("The rollout stopped")).toBeLessThan(text.indexOf("Level 1"));
    expect(text).toContain("web: the new container never became healthy");
    expect(tagsOf(html, "rollout-step").map((t) => /data-key="([^"]+)" data-status="([^"]+)"/.exec(t)?.slice(1).join(":"))).toEqual(["db:unchanged", "web:failed", "worker:succeeded", "proxy:skipped"]);
    expect(text).toContain("not started: an earlier service failed");
    expect(text).toContain("3 of 3 steps done");
    expect(html).toContain('href="/services/id-web"');
  });

  it("shows a running step with a spinner and counts the steps done", () => {
    const running: StackRolloutView = { ...failedRollout, status: "running", error: null, finishedAt: null, steps: failedRollout.steps.map((s) => (s.key === "web" ? { ...s, status: "running", message: null } : s.key === "proxy" ? { ...s, status: "pending", message: null } : s)) };
    const html = render(createElement(StackRolloutCard, { rollout: running }));
    expect(html).toContain('data-testid="stack-rollout" data-status="running"');
    expect(html).not.toContain("The rollout stopped");
    expect(textOf(html)).toContain("1 of 3 steps done");
    expect(html).toMatch(/data-key="web" data-status="running"[^>]*>.*?<svg[^>]*animate-spin/);
  });
});

describe("removing a stack", () => {
  it("asks separately about named volumes, with the box left unticked", () => {
    const html = render(createElement(StackRemoveDialog, { open: true, stackName: "lab", onClose: noop, onConfirm: noop, pending: false }));
    const box = tagsOf(html, "remove-volumes")[0]!;
    expect(box).toContain('type="checkbox"');
    expect(box).not.toMatch(/\bchecked\b/);
    expect(textOf(html)).toContain("Also delete named volumes (their data is lost)");
    expect(html).toMatch(/<button[^>]*>Remove stack<\/button>/);
  });
});

const stack: StackView = {
  id: "st1", name: "lab", hostId: "h1", hostName: "nas", compose: COMPOSE, envVariables: ["WEB_IMAGE"], appliedVersion: 1, latestVersion: 2, pendingChanges: true,
  services: [
    { key: "db", serviceId: "id-db", name: "lab-db", image: "postgres:16", state: "running", health: "healthy", ports: [] },
    { key: "web", serviceId: "id-web", name: "lab-web", image: "nginx:1.26", state: "running", health: "unhealthy", ports: [{ host: 8080, container: 80, protocol: "tcp" }] },
    { key: "worker", serviceId: "id-worker", name: "lab-worker", image: "busybox:1.36", state: "exited", health: null, ports: [] },
  ],
  lastRollout: failedRollout, createdAt: at, updatedAt: at,
};

describe("the stacks list and a stack's page", () => {
  it("lists each stack with its health counts and pending changes, and leads an empty list to a new stack", () => {
    const html = render(createElement(StacksList, { initial: [stack] }));
    expect(html).toContain('data-running="1" data-unhealthy="1" data-stopped="1"');
    expect(textOf(html)).toContain("changes not applied");
    expect(html).toContain('data-testid="stack-status" data-status="Last apply failed"');
    const empty = render(createElement(StacksList, { initial: [] }));
    expect(textOf(empty)).toContain("No stacks yet");
    expect(empty).toMatch(/<a[^>]*href="\/stacks\/new"[^>]*>.*New stack<\/a>/);
  });

  it("leads with what is broken: services not running, then the failed rollout before the plan", () => {
    const html = render(createElement(StackPage, { initial: stack, isAdmin: true }));
    const text = textOf(html);
    expect(text).toContain("2 services are not running as applied web (unhealthy), worker (exited)");
    expect(html.indexOf('data-testid="stack-rollout"')).toBeLessThan(html.indexOf('data-testid="stack-plan"'));
    expect(html).toContain('href="/api/v1/stacks/st1/export"');
    expect(html).toMatch(/aria-label="Stop db"/);
    expect(html).toMatch(/aria-label="Start worker"/);
  });
});

describe("a stack's service on its own page", () => {
  it("is read-only: its form is disabled and has no Save", () => {
    const service: ServiceView = {
      id: "id-web", name: "lab-web", image: "nginx:1.26", command: [], env: {}, ports: [], volumes: [], healthcheck: null, restartPolicy: "unless-stopped", egress: "open", runtime: {},
      hostId: "h1", hostName: "nas", stackId: "st1", stackName: "lab", stackService: "web", routeCount: 0, desiredState: "running", tags: [], groupName: null, createdAt: at, updatedAt: at,
    };
    const html = render(createElement(ServiceForm, { service, hosts: [{ id: "h1", name: "nas" }] }));
    expect(html).toMatch(/<fieldset[^>]*disabled=""/);
    expect(html).not.toContain("Save changes");
    const own = render(createElement(ServiceForm, { service: { ...service, stackId: null, stackName: null, stackService: null }, hosts: [{ id: "h1", name: "nas" }] }));
    expect(own).not.toMatch(/<fieldset[^>]*disabled=""/);
    expect(own).toContain("Save changes");
    // A viewer reads a lone service's settings: the form is disabled and offers no Save.
    const asViewer = renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role: "viewer", children: createElement(ServiceForm, { service: { ...service, stackId: null, stackName: null, stackService: null }, hosts: [{ id: "h1", name: "nas" }] }) }) }));
    expect(asViewer).toMatch(/<fieldset[^>]*disabled=""/);
    expect(asViewer).not.toContain("Save changes");
  });
});

describe("a stack service's runtime card", () => {
  it("offers no Deploy (the stack deploys it) but a lone service's does", async () => {
    const { ServiceRuntime } = await import("@/components/agents/service-runtime");
    const stacked = textOf(render(createElement(ServiceRuntime, { serviceId: "svc1", hasHost: true, stackName: "paperless" })));
    expect(stacked).toContain("Stack paperless deploys and removes it.");
    expect(stacked).not.toMatch(/\bDeploy\b/);
    const lone = textOf(render(createElement(ServiceRuntime, { serviceId: "svc2", hasHost: true })));
    expect(lone).toMatch(/\bDeploy\b/);
  });
});
