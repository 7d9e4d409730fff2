// The agents' live cache writes: an event is never overwritten by a refetch that was computed before
// it (a killed agent's host stayed "online"), and a removed container is written, not refetched (the
// service may be the one being deleted, whose page would meet a 404).
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { ContainerStateView, HostStatusView } from "@/lib/agents/schemas";
import { agentQueryKeys, applyAgentEvent } from "./agent-live";

const status = (online: boolean): HostStatusView => ({
  hostId: "h1", name: "nas", online, lastSeenAt: "2026-12-06T10:00:00.000Z", agentVersion: "1", protocolVersion: 1,
  versionMismatch: null, hostname: "nas", docker: null, revoked: false,
});

const container = (id: string, name = "web"): ContainerStateView => ({
  hostId: "h1", containerId: id, name, image: "busybox", state: "running", status: "Up", health: null, exitCode: null,
  managed: true, serviceId: "s1", specHash: null, ports: [], startedAt: null, observedAt: "2026-12-06T10:00:00.000Z",
});

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("applyAgentEvent", () => {
  it("a status event wins over a refetch already under way (its answer predates the event)", async () => {
    const qc = new QueryClient();
    const key = agentQueryKeys.hostStatus("h1");
    qc.setQueryData(key, status(true));
    let answer!: (v: HostStatusView) => void;
    const inFlight = qc.fetchQuery({ queryKey: key, queryFn: () => new Promise<HostStatusView>((r) => (answer = r)), staleTime: 0 }).catch(() => null);
    await settle();
    applyAgentEvent(qc, { type: "host/status", hostId: "h1", status: status(false) });
    await settle();
    answer(status(true)); // the stale answer lands after the event
    await inFlight;
    await settle();
    expect(qc.getQueryData<HostStatusView>(key)?.online).toBe(false);
  });

  it("status events land in the order they came", async () => {
    const qc = new QueryClient();
    const key = agentQueryKeys.hostStatus("h1");
    qc.setQueryData(key, status(true));
    void qc.fetchQuery({ queryKey: key, queryFn: () => new Promise<HostStatusView>(() => undefined), staleTime: 0 }).catch(() => null);
    await settle();
    applyAgentEvent(qc, { type: "host/status", hostId: "h1", status: status(false) });
    applyAgentEvent(qc, { type: "host/status", hostId: "h1", status: status(true) });
    applyAgentEvent(qc, { type: "host/status", hostId: "h1", status: status(false) });
    await settle();
    expect(qc.getQueryData<HostStatusView>(key)?.online).toBe(false);
  });

  it("a removed container is written as gone without a refetch; another container's removal leaves it", async () => {
    const qc = new QueryClient();
    const key = agentQueryKeys.serviceContainer("s1");
    let fetches = 0;
    const observer = qc.getQueryCache().build(qc, { queryKey: key, queryFn: () => { fetches++; return { container: container("c2") }; } });
    qc.setQueryData(key, { container: container("c1") });
    applyAgentEvent(qc, { type: "container/removed", hostId: "h1", containerId: "c0", serviceId: "s1" });
    expect(qc.getQueryData<{ container: ContainerStateView | null }>(key)?.container?.containerId).toBe("c1");
    applyAgentEvent(qc, { type: "container/removed", hostId: "h1", containerId: "c1", serviceId: "s1" });
    await settle();
    expect(qc.getQueryData<{ container: ContainerStateView | null }>(key)).toEqual({ container: null });
    expect(observer.state.isInvalidated, "not marked for a refetch").toBe(false);
    expect(fetches).toBe(0);
  });
});
