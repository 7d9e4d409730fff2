import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import type { ContainerSummary } from "@/lib/protocol";
import { replaceSnapshot } from "./state";

let t: TestDb;
let hostId: string;
beforeAll(async () => {
  t = await createTestDb();
  hostId = (await t.db.host.create({ data: { name: "nas" } })).id;
});
afterAll(() => t.cleanup());

const c = (id: string, over: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: id.padEnd(12, "0"), name: `c-${id}`, image: "busybox", state: "running", status: "Up", health: null, exitCode: null, managed: false, serviceId: null, specHash: null, ports: [], startedAt: "2026-12-01T10:00:00.000Z", ...over,
});

describe("replaceSnapshot", () => {
  it("leaves the host's rows exactly as the snapshot says, rewriting only what changed", async () => {
    await replaceSnapshot(t.db, hostId, [c("a"), c("b"), c("d")], new Date("2026-12-06T10:00:00Z"));
    const before = new Map((await t.db.containerState.findMany({ where: { hostId } })).map((r) => [r.containerId, r]));
    await replaceSnapshot(t.db, hostId, [c("a"), c("b", { state: "exited", status: "Exited (0)", exitCode: 0 }), c("e")], new Date("2026-12-06T10:01:00Z"));
    const after = await t.db.containerState.findMany({ where: { hostId }, orderBy: { containerId: "asc" } });
    expect(after.map((r) => [r.containerId.slice(0, 1), r.state])).toEqual([["a", "running"], ["b", "exited"], ["e", "running"]]);
    // Unchanged and changed rows keep their identity (updated in place, not deleted and re-inserted).
    expect(after.find((r) => r.containerId.startsWith("a"))!.id).toBe(before.get(c("a").id)!.id);
    expect(after.find((r) => r.containerId.startsWith("b"))!.id).toBe(before.get(c("b").id)!.id);
    // Every row carries the snapshot's time.
    expect(after.every((r) => r.observedAt.toISOString() === "2026-12-06T10:01:00.000Z")).toBe(true);
  });

  it("an empty snapshot clears the host, and another host's rows are never touched", async () => {
    const other = (await t.db.host.create({ data: { name: "pi" } })).id;
    await replaceSnapshot(t.db, other, [c("a")]);
    await replaceSnapshot(t.db, hostId, []);
    expect(await t.db.containerState.count({ where: { hostId } })).toBe(0);
    expect(await t.db.containerState.count({ where: { hostId: other } })).toBe(1);
  });
});
