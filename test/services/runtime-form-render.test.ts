// Server-renders the service form's Advanced section: collapsed with a summary of what is set, a
// server error placed beside the field its path names (and the section opened to show it), and
// the selected host's policy beside each power that needs it.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as servicesPOST } from "@/app/api/v1/services/route";
import { issuesToErrors } from "@/lib/client/form-errors";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, setupAdmin, type Auth } from "../helpers/api";
import { AppProviders } from "@/lib/client/providers";
import { ServiceForm } from "@/components/services/service-form";
import { RoleProvider } from "@/components/auth/role-context";
import { RuntimeSection } from "@/components/services/runtime-section";
import { emptyRuntimeModel, modelFromRuntime, type RuntimeModel } from "@/components/services/runtime-model";
import type { HostChoice } from "@/components/services/runtime-summary";
import { ServiceRuntimeSchema } from "@/lib/inventory/runtime";
import { HostPolicySchema } from "@/lib/protocol/policy";
import type { ServiceView } from "@/lib/inventory/schemas";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }) }));

const render = (model: RuntimeModel, errors: Record<string, string> = {}, host?: HostChoice) =>
  renderToString(createElement(RuntimeSection, { model, errors, host, onChange: () => {} }));

/** The opening tag of the element with this id. */
function tag(html: string, id: string): string {
  const m = html.match(new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`));
  if (!m) throw new Error(`no element with id ${id}`);
  return m[0];
}

/** The text of the element with this id (no nested markup expected). */
function text(html: string, id: string): string {
  const m = html.match(new RegExp(`\\bid="${id}"[^>]*>([^<]*)<`));
  return m?.[1] ?? "";
}

/** The hint of a control (its -hint element, which may hold markup), as plain text. */
function hint(html: string, id: string): string {
  const start = html.indexOf(`id="${id}-hint"`);
  if (start < 0) return "";
  const end = html.indexOf("</p>", start);
  return html.slice(start, end).replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/^[^>]*>/, "");
}

describe("service form: Advanced section", () => {
  it("is collapsed by default and says Docker's defaults when nothing is set", () => {
    const html = render(emptyRuntimeModel());
    expect(text(html, "runtime-summary")).toBe("Docker&#x27;s defaults");
    expect(html).toMatch(/aria-expanded="false"[^>]*aria-controls="runtime-options"|aria-controls="runtime-options"[^>]*aria-expanded="false"/);
    expect(tag(html, "runtime-options")).toContain("hidden");
    expect(html).toContain("Show options");
  });

  it("summarises what is set in one line", () => {
    const model = modelFromRuntime(ServiceRuntimeSchema.parse({ memoryBytes: 512 * 1024 * 1024, cpus: 1.5, readOnly: true, user: "1000" }));
    const html = render(model);
    expect(text(html, "runtime-summary")).toBe("512 MiB · 1.5 CPUs · read-only · user 1000");
    expect(tag(html, "runtime-memory")).toContain('value="512"');
    expect(tag(html, "runtime-user")).toContain('value="1000"');
    expect(tag(html, "runtime-readOnly")).toContain("checked");
  });

  it("opens itself and shows a server error beside the field its path names, tied to the control", () => {
    const html = render(emptyRuntimeModel(), { "runtime.memoryBytes": "at least 6 MiB", "runtime.extraHosts.0.ip": "an IP address or host-gateway" });
    expect(tag(html, "runtime-options")).not.toMatch(/\bhidden\b/);
    expect(html).toContain("Hide options");
    const input = tag(html, "runtime-memory");
    expect(input).toContain('aria-invalid="true"');
    expect(input).toMatch(/aria-describedby="[^"]*runtime-memory-error/);
    expect(text(html, "runtime-memory-error")).toBe("at least 6 MiB");
    // Beside the memory field: after its label, before the next field's label.
    const at = html.indexOf('id="runtime-memory-error"');
    expect(at).toBeGreaterThan(html.indexOf('for="runtime-memory"'));
    expect(at).toBeLessThan(html.indexOf('for="runtime-memoryReservation"'));
    // Not on a field it does not name.
    expect(tag(html, "runtime-cpus")).not.toContain("aria-invalid");
  });

  it("places errors of rows and of a label's key on that row", () => {
    const model = { ...emptyRuntimeModel(), tmpfs: [{ key: 1, target: "tmp", sizeMiB: "" }], labels: [{ key: 2, name: "homeport.role", value: "x" }] };
    const html = render(model, { "runtime.tmpfs.0.target": "an absolute path", "runtime.labels.homeport.role": "Invalid key in record" });
    expect(text(html, "runtime-tmpfs-0-target-error")).toBe("an absolute path");
    expect(html).toMatch(/aria-label="tmpfs path 1"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*aria-label="tmpfs path 1"/);
    expect(text(html, "runtime-label-0-error")).toBe("letters, digits and . _ - / (homeport.* is reserved)");
  });

  it("marks each power as needing the host's policy and says what the selected host allows", () => {
    const agentPolicy = HostPolicySchema.parse({ allowGpus: true, allowedCapabilities: ["NET_ADMIN"] });
    const model = { ...emptyRuntimeModel(), capAdd: "NET_ADMIN SYS_ADMIN", privileged: true };
    const html = render(model, {}, { id: "h1", name: "nas", agentPolicy });
    expect(hint(html, "runtime-gpus")).toContain("nas allows this.");
    expect(hint(html, "runtime-privileged")).toContain("nas refuses this; its owner can allow it on the host with --allow-privileged.");
    expect(hint(html, "runtime-hostNetwork")).toContain("--allow-host-network");
    expect(hint(html, "runtime-capAdd")).toContain("nas allows NET_ADMIN. It refuses SYS_ADMIN");
    expect(hint(html, "runtime-devices")).toContain("nas allows no devices.");
    expect(html.match(/Host policy/g)?.length).toBe(6);
    expect(text(html, "runtime-summary")).toBe("adds NET_ADMIN, SYS_ADMIN · privileged");
  });

  it("says when the host has reported no policy, or when no host is chosen", () => {
    const pending = render(emptyRuntimeModel(), {}, { id: "h2", name: "pi", agentPolicy: null });
    expect(hint(pending, "runtime-hostPid")).toContain("pi's agent has not reported its policy yet");
    const none = render(emptyRuntimeModel());
    expect(hint(none, "runtime-privileged")).toContain("Needs the target host's policy to allow it");
  });

  it("shows no new privileges as a checkbox in the security group, checked when the service sets it", () => {
    const html = render(modelFromRuntime(ServiceRuntimeSchema.parse({ noNewPrivileges: true })));
    expect(tag(html, "runtime-noNewPrivileges")).toContain("checked");
    expect(hint(html, "runtime-noNewPrivileges")).toContain("setuid");
    expect(text(html, "runtime-summary")).toBe("no new privileges");
    expect(tag(render(emptyRuntimeModel()), "runtime-noNewPrivileges")).not.toContain("checked");
  });

  it("shows rotation fields only for drivers that rotate files", () => {
    expect(render({ ...emptyRuntimeModel(), logDriver: "local" })).toContain('id="runtime-logMaxSize"');
    expect(render({ ...emptyRuntimeModel(), logDriver: "journald" })).not.toContain('id="runtime-logMaxSize"');
  });
});

describe("service form with its Advanced section", () => {
  const service: ServiceView = {
    id: "svc1", name: "immich", image: "ghcr.io/immich-app/immich-server:v1.120.0", command: [], env: {}, ports: [], volumes: [], healthcheck: null,
    restartPolicy: "unless-stopped", egress: "open",
    runtime: ServiceRuntimeSchema.parse({ memoryBytes: 4 * 1024 ** 3, cpus: 2, gpus: true }),
    hostId: "h1", hostName: "nas", stackId: null, stackName: null, stackService: null, routeCount: 0, desiredState: "running", tags: [], groupName: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
  };
  const renderForm = (props: Parameters<typeof ServiceForm>[0]) =>
    renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role: "operator", children: createElement(ServiceForm, props) }) }));

  it("shows a saved service's options in the summary and judges them by its host's reported policy", () => {
    const agentPolicy = HostPolicySchema.parse({ allowGpus: false });
    const html = renderForm({ service, hosts: [{ id: "h1", name: "nas", agentPolicy }, { id: "h2", name: "pi", agentPolicy: null }] });
    expect(text(html, "runtime-summary")).toBe("4 GiB · 2 CPUs · GPUs");
    expect(tag(html, "runtime-memory")).toContain('value="4"');
    expect(hint(html, "runtime-gpus")).toContain("nas refuses this; its owner can allow it on the host with --allow-gpus.");
  });

  it("starts a new service with Docker's defaults and the section collapsed", () => {
    const html = renderForm({ hosts: [] });
    expect(text(html, "runtime-summary")).toBe("Docker&#x27;s defaults");
    expect(tag(html, "runtime-options")).toContain("hidden");
  });
});

describe("a 422 from the real API, placed by its paths", () => {
  let t: TestDb;
  let session: Auth;
  beforeAll(async () => {
    t = await createTestDb();
    session = await setupAdmin(t.db);
  });
  afterAll(async () => { await t.cleanup(); });

  it("shows each refused option beside its own field or row", async () => {
    const runtime = { memoryBytes: 1024, tmpfs: [{ target: "tmp" }], labels: { "homeport.role": "web" }, extraHosts: [{ hostname: "nas.lan", ip: "nas" }] };
    const r = await call(servicesPOST, "/api/v1/services", { body: { name: "web", image: "nginx:1.27", runtime }, auth: session });
    expect(r.status).toBe(422);
    const errors = issuesToErrors(errorOf(r).issues ?? []);
    const model = modelFromRuntime({});
    model.tmpfs = [{ key: 1, target: "tmp", sizeMiB: "" }];
    model.labels = [{ key: 2, name: "homeport.role", value: "web" }];
    model.extraHosts = [{ key: 3, hostname: "nas.lan", ip: "nas" }];
    const html = render(model, errors);
    expect(tag(html, "runtime-options")).not.toMatch(/\bhidden\b/);
    expect(text(html, "runtime-memory-error")).toBe("at least 6 MiB");
    expect(text(html, "runtime-tmpfs-0-target-error")).toBe("an absolute path");
    expect(text(html, "runtime-label-0-error")).toContain("homeport.* is reserved");
    expect(text(html, "runtime-extra-host-0-ip-error")).toBe("an IP address or host-gateway");
    expect(await t.db.service.count()).toBe(0);
  });

  it("shows a refused option the form has no field for (a sysctl on the host network) at the top of the section", async () => {
    const runtime = { hostNetwork: true, sysctls: { "net.ipv4.ip_forward": "1" } };
    const r = await call(servicesPOST, "/api/v1/services", { body: { name: "router", image: "nginx:1.27", runtime }, auth: session });
    expect(r.status).toBe(422);
    const html = render(modelFromRuntime(ServiceRuntimeSchema.parse({ sysctls: runtime.sysctls })), issuesToErrors(errorOf(r).issues ?? []));
    expect(text(html, "runtime-error")).toContain("net.* sysctls would change the host&#x27;s network");
    expect(await t.db.service.count()).toBe(0);
  });
});
