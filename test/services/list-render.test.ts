// Server-renders the services list: each state's badge (a deliberate stop is neutral "Stopped", a
// crash is red with its code), units on CPU and memory, and bulk selection only for roles that may write.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import { ServicesList } from "@/components/services/services-list";
import { ContainerStateBadge } from "@/components/agents/container-state-badge";
import { deriveServiceStatus, type ServiceRow } from "@/lib/inventory/service-state";
import type { ContainerStateView } from "@/lib/agents/schemas";
import type { UserRole } from "@/lib/auth/schemas";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }), usePathname: () => "/services" }));

const at = "2026-01-01T10:00:00.000Z";
const container = (c: Partial<ContainerStateView>): ContainerStateView => ({
  hostId: "h1", containerId: "abcdef123456", name: "web", image: "busybox", state: "running", status: "Up", health: null, exitCode: null,
  managed: true, serviceId: "s1", specHash: null, ports: [], startedAt: "2026-01-01T08:00:00.000Z", observedAt: at, ...c,
});
const row = (id: string, name: string, c: Partial<ContainerStateView> | null, desiredState: "running" | "stopped" = "running", failed = false): ServiceRow => ({
  id, name, image: "busybox:1.36", command: [], env: {}, ports: [{ container: 8080, host: 8081, protocol: "tcp", hostIp: "0.0.0.0" }], volumes: [], healthcheck: null,
  restartPolicy: "unless-stopped", egress: "open", runtime: {}, hostId: "h1", hostName: "nas", stackId: null, stackName: null, stackService: null, routeCount: 0,
  desiredState, tags: ["media"], groupName: "Media", createdAt: at, updatedAt: at,
  status: deriveServiceStatus({ desiredState, placed: true, container: c ? container(c) : null, latestDeployment: failed ? { status: "failed", error: "exited with code 3" } : { status: "succeeded", error: null }, stats: { cpuPercent: 2.5, memoryBytes: 50 * 1024 * 1024, memoryLimitBytes: 0 } }),
});

const items = [
  row("s3", "bad", null, "running", true),
  row("s2", "idle", { state: "exited", exitCode: 137, startedAt: null }, "stopped"),
  row("s4", "crashed", { state: "exited", exitCode: 137, startedAt: null }),
  row("s1", "web", {}),
];
const render = (role: UserRole) =>
  renderToString(
    createElement(AppProviders, { csrfToken: "x" } as never, createElement(RoleProvider, { role, children: createElement(ServicesList, { initial: { items, nextCursor: null }, choices: { hosts: [], tags: ["media"], groups: ["Media"] } }) })),
  );

describe("services list", () => {
  it("shows each state in words: failed deploy, neutral Stopped, red Exited (137), Running with CPU and memory units", () => {
    const html = render("operator");
    expect(html).toMatch(/data-state="failed"[^>]*>.*?Deploy failed/);
    expect(html).toMatch(/data-state="stopped"[^>]*>.*?Stopped/);
    expect(html).toMatch(/data-state="exited"[^>]*>.*?Exited \(137\)/);
    expect(html).toContain("2.5 %");
    expect(html).toContain("50.0 MiB");
    expect(html).toContain("8081→80");
    expect(html).toMatch(/#(<!-- -->)?media/);
  });

  it("offers selection for bulk actions to operators, not to viewers", () => {
    expect(render("operator")).toContain('aria-label="Select web"');
    expect(render("viewer")).not.toContain('aria-label="Select web"');
  });
});

describe("container state badge", () => {
  it("a deliberate stop reads stopped (neutral); the same exit while it should run reads exited (137)", () => {
    const exited = container({ state: "exited", exitCode: 137 });
    const stopped = renderToString(createElement(ContainerStateBadge, { container: exited, desiredState: "stopped" }));
    expect(stopped).toContain(">stopped<");
    expect(stopped).not.toContain("137)");
    expect(renderToString(createElement(ContainerStateBadge, { container: exited }))).toContain("exited (137)");
  });
});
