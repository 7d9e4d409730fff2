import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import type { ContainerSummary } from "@/lib/protocol";
import { applyContainerEvent } from "./state";
import { SnapshotWriter } from "./snapshot-writer";

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
const rows = async () => (await t.db.containerState.findMany({ where: { hostId }, orderBy: { containerId: "asc" } })).map((r) => [r.containerId.slice(0, 1), r.state, r.observedAt.toISOString()]);

describe("SnapshotWriter", () => {
  it("an unchanged snapshot only refreshes the time; an event since makes the next one diffed and stored again", async () => {
    const w = new SnapshotWriter(() => t.db);
    const snap = [c("a"), c("b")];
    expect(await w.apply(hostId, snap, new Date("2026-12-06T10:00:00Z"))).toBe("written");
    const ids = (await t.db.containerState.findMany({ where: { hostId } })).map((r) => r.id).sort();
    expect(await w.apply(hostId, snap, new Date("2026-12-06T10:01:00Z"))).toBe("unchanged");
    expect(await rows()).toEqual([["a", "running", "2026-12-06T10:01:00.000Z"], ["b", "running", "2026-12-06T10:01:00.000Z"]]);
    expect((await t.db.containerState.findMany({ where: { hostId } })).map((r) => r.id).sort()).toEqual(ids);

    // A die event changes a row: the same snapshot again must put it back as the agent says.
    w.changed(hostId);
    await applyContainerEvent(t.db, hostId, c("a").id, c("a", { state: "exited" }));
    expect(await w.apply(hostId, snap, new Date("2026-12-06T10:02:00Z"))).toBe("written");
    expect((await rows()).map((r) => r[1])).toEqual(["running", "running"]);
  });

  it("rows removed behind its back are noticed (the count differs) and the snapshot is written in full", async () => {
    const w = new SnapshotWriter(() => t.db);
    const snap = [c("a"), c("b")];
    await w.apply(hostId, snap, new Date());
    await t.db.containerState.deleteMany({ where: { hostId, containerId: c("b").id } });
    expect(await w.apply(hostId, snap, new Date())).toBe("written");
    expect((await rows()).map((r) => r[0])).toEqual(["a", "b"]);
  });

  it("forgets a host on request, and a different snapshot is always written", async () => {
    const w = new SnapshotWriter(() => t.db);
    await w.apply(hostId, [c("a")], new Date());
    expect(w.size).toBe(1);
    expect(await w.apply(hostId, [c("a", { status: "Up 2 hours" })], new Date())).toBe("written");
    w.forget(hostId);
    expect(w.size).toBe(0);
    expect(await w.apply(hostId, [c("a", { status: "Up 2 hours" })], new Date())).toBe("written");
  });
});
