// The hub's side of an agent's revert: only that host's unconfirmed change is marked reverted and
// audited once, however often the agent repeats the event; another host's change and a confirmed
// one stay as they are (an agent cannot rewrite what it does not own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIREWALL_EVENT_HANDLERS } from "@/lib/agents/firewall-events";
import type { EventContext } from "@/lib/agents/event-handlers";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let hostA: string;
let hostB: string;

beforeAll(async () => {
  t = await createTestDb();
  hostA = (await t.db.host.create({ data: { name: "fw-a" } })).id;
  hostB = (await t.db.host.create({ data: { name: "fw-b" } })).id;
});
afterAll(async () => t?.cleanup());

const ctx = (hostId: string) => ({ db: t.db, session: { hostId }, now: new Date() }) as unknown as EventContext;
const event = (changeId: string) => ({ changeId, at: new Date().toISOString(), reason: "deadline" as const, ok: true, error: null });
const change = (hostId: string, status: string) => t.db.firewallChange.create({ data: { hostId, status, plan: "{}", actor: "admin" } });

describe("firewall/reverted from an agent", () => {
  it("marks its own unconfirmed change reverted, with why, and audits it once however often it is told", async () => {
    const c = await change(hostA, "applied");
    for (let i = 0; i < 3; i++) await FIREWALL_EVENT_HANDLERS["firewall/reverted"].handle(event(c.id), ctx(hostA));
    const row = await t.db.firewallChange.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("reverted");
    expect(row.error).toMatch(/did not confirm it before the deadline/);
    const audits = await t.db.auditEvent.findMany({ where: { action: "firewall.revert" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!).toMatchObject({ actorType: "agent", targetId: hostA });
  });

  it("leaves another host's change and a confirmed change alone", async () => {
    const other = await change(hostB, "applied");
    const kept = await change(hostA, "confirmed");
    await FIREWALL_EVENT_HANDLERS["firewall/reverted"].handle(event(other.id), ctx(hostA));
    await FIREWALL_EVENT_HANDLERS["firewall/reverted"].handle(event(kept.id), ctx(hostA));
    expect((await t.db.firewallChange.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("applied");
    expect((await t.db.firewallChange.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("confirmed");
  });

  it("records a revert that failed as failed, with the agent's error", async () => {
    const c = await change(hostA, "applied");
    await FIREWALL_EVENT_HANDLERS["firewall/reverted"].handle({ ...event(c.id), ok: false, error: "nft: Operation not permitted" }, ctx(hostA));
    const row = await t.db.firewallChange.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("failed");
    expect(row.error).toContain("Operation not permitted");
  });
});

describe("a change a restart of Homeport left pending", () => {
  it("is settled as failed once its deadline must have passed, and a fresh one is left alone", async () => {
    const { listFirewallChanges, STALE_PENDING_MS } = await import("@/lib/firewall/service");
    const old = await t.db.firewallChange.create({ data: { hostId: hostB, status: "pending", plan: "{}", actor: "admin", createdAt: new Date(Date.now() - STALE_PENDING_MS - 1_000) } });
    const fresh = await change(hostB, "pending");
    const list = await listFirewallChanges(t.db, hostB);
    expect(list.find((c) => c.id === old.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/Homeport stopped before the agent answered/) });
    expect(list.find((c) => c.id === fresh.id)?.status).toBe("pending");
  });
});
