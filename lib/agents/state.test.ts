import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import type { ContainerSummary } from "@/lib/protocol";
import { applyContainerEvent, replaceSnapshot } from "./state";

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

  it("new rows read back exactly as Prisma writes them (dates, flags, ports, digest), and compare and order by time", async () => {
    const a = (await t.db.host.create({ data: { name: "raw" } })).id;
    const b = (await t.db.host.create({ data: { name: "orm" } })).id;
    const full = c("f", {
      state: "exited", status: "Exited (3)", exitCode: 3, health: "unhealthy", managed: true, serviceId: "svc", specHash: "abc",
      ports: [{ container: 80, host: 8080, hostIp: "127.0.0.1", protocol: "tcp" }], imageDigest: `sha256:${"e".repeat(64)}`,
    });
    const at = new Date("2026-12-06T11:00:00.123Z");
    await replaceSnapshot(t.db, a, [full, c("n", { startedAt: null })], at);
    await applyContainerEvent(t.db, b, full.id, full, at);
    const strip = ({ id: _id, hostId: _h, ...rest }: { id: string; hostId: string } & Record<string, unknown>) => rest;
    const raw = await t.db.containerState.findFirstOrThrow({ where: { hostId: a, containerId: full.id } });
    const orm = await t.db.containerState.findFirstOrThrow({ where: { hostId: b, containerId: full.id } });
    expect(strip(raw)).toEqual(strip(orm));
    expect((await t.db.containerState.findFirstOrThrow({ where: { hostId: a, containerId: c("n").id } })).startedAt).toBeNull();
    expect(await t.db.containerState.count({ where: { hostId: a, observedAt: { lt: new Date("2026-12-06T11:00:00.124Z"), gt: new Date("2026-12-06T11:00:00.122Z") } } })).toBe(2);
  });
});
