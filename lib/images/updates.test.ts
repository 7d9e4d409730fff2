import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { updateSettings } from "@/lib/settings";
import { DomainError } from "@/lib/errors";
import { getEventBus, type LiveEvent } from "@/lib/events";
import { checkNow, listUpdates, runIfDue, runUpdateCheck } from "./updates";
import { applyServiceUpdate, applyStackUpdate, inDependencyOrder } from "./apply";

const sha = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;
const actor = { type: "user" as const, id: "u1", name: "admin" };
const meta = { ip: "192.0.2.1", userAgent: "vitest", secure: false };
const HOUR = 3_600_000;

let t: TestDb;
let server: http.Server;
let registry = "";
/** What the fake registry's tag team/app:1 names now. */
let current = { manifest: "", config: "" };
let asked = 0;

function publish(version: string): string {
  const config = JSON.stringify({ created: `2026-12-0${version}T00:00:00Z` });
  current = { config, manifest: JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json", config: { digest: sha(config) }, v: version }) };
  return sha(current.manifest);
}

beforeAll(async () => {
  t = await createTestDb();
  server = http.createServer((req, res) => {
    asked++;
    const path = req.url ?? "";
    const body = path.endsWith("/manifests/1") ? current.manifest : path.endsWith(`/blobs/${sha(current.config)}`) ? current.config : null;
    if (body === null) return void res.writeHead(404).end();
    res.writeHead(200, { "docker-content-digest": sha(body), "content-length": Buffer.byteLength(body) }).end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

let ids: { lone: string; inStack: string; pinned: string; idle: string; stack: string };

beforeEach(async () => {
  for (const m of [t.db.containerState, t.db.imageTag, t.db.setting, t.db.auditEvent] as { deleteMany(): Promise<unknown> }[]) await m.deleteMany();
  await t.db.service.deleteMany();
  await t.db.stack.deleteMany();
  await t.db.host.deleteMany();
  asked = 0;
  const host = await t.db.host.create({ data: { name: "box" } });
  const stack = await t.db.stack.create({ data: { name: "media", hostId: host.id, compose: "services: {}" } });
  const image = `${registry}/team/app:1`;
  const mk = (name: string, img: string, stackId?: string) => t.db.service.create({ data: { name, image: img, hostId: host.id, ...(stackId && { stackId, stackService: name }) } });
  const lone = await mk("lone", image);
  const inStack = await mk("jelly", image, stack.id);
  const pinned = await mk("pinned", `${registry}/team/app@${sha("pinned")}`, stack.id);
  const idle = await mk("idle", image);
  const old = publish("1");
  for (const s of [lone, inStack]) {
    await t.db.containerState.create({ data: { hostId: host.id, containerId: `${s.name}0000000000`, name: s.name, image, state: "running", status: "Up", managed: true, serviceId: s.id, imageDigest: old } });
  }
  ids = { lone: lone.id, inStack: inStack.id, pinned: pinned.id, idle: idle.id, stack: stack.id };
});

const statusOf = async (id: string) => (await listUpdates(t.db)).services.find((s) => s.serviceId === id)!;

describe("the update check", () => {
  it("asks nothing while off; when on, runs once per interval and asks once per distinct tag", async () => {
    const now = new Date("2026-12-06T10:00:00Z");
    expect(await runIfDue(t.db, now)).toBe(false);
    expect(asked).toBe(0);
    await updateSettings(t.db, { imageUpdatesEnabled: true, imageUpdatesIntervalHours: 6 }, actor, meta);
    expect(await runIfDue(t.db, now)).toBe(true);
    expect(await t.db.imageTag.findMany({ select: { ref: true } })).toEqual([{ ref: `${registry}/team/app:1` }]);
    expect(await runIfDue(t.db, new Date(now.getTime() + 5 * HOUR))).toBe(false);
    expect((await listUpdates(t.db, now)).job).toMatchObject({ enabled: true, intervalHours: 6, lastRunAt: now.toISOString(), nextRunAt: new Date(now.getTime() + 6 * HOUR).toISOString(), lastRunTags: 1 });
    expect(await runIfDue(t.db, new Date(now.getTime() + 6 * HOUR))).toBe(true);
    // A tag no service uses any more is forgotten at the next run.
    await t.db.imageTag.create({ data: { ref: "docker.io/library/gone:1", remoteDigest: sha("gone"), checkedAt: now } });
    await runUpdateCheck(t.db);
    expect((await t.db.imageTag.findMany({ select: { ref: true } })).map((r) => r.ref)).toEqual([`${registry}/team/app:1`]);
  });

  it("shows an update per service and per stack once the tag moves; pins and services without a digest are not updates", async () => {
    await runUpdateCheck(t.db);
    expect((await statusOf(ids.lone)).status).toBe("current");
    const moved = publish("3");
    await runUpdateCheck(t.db);
    const view = await listUpdates(t.db);
    expect(view.services.find((s) => s.serviceId === ids.lone)).toMatchObject({ status: "update", newDigest: moved, newCreatedAt: "2026-12-03T00:00:00.000Z" });
    expect(view.stacks).toEqual([{ stackId: ids.stack, stackName: "media", hostName: "box", services: [{ serviceId: ids.inStack, serviceName: "jelly", newCreatedAt: "2026-12-03T00:00:00.000Z" }] }]);
    expect(view.services.find((s) => s.serviceId === ids.pinned)).toMatchObject({ status: "pinned", tag: null, checkedAt: null });
    expect(view.services.find((s) => s.serviceId === ids.idle)).toMatchObject({ status: "unknown", currentDigest: null, newDigest: moved });
  });

  it("a registry that cannot be reached is recorded on the row; the last known digest and age stay", async () => {
    const known = publish("1");
    await runUpdateCheck(t.db);
    const before = await t.db.imageTag.findFirstOrThrow();
    const saved = registry;
    await t.db.service.updateMany({ where: { image: `${saved}/team/app:1` }, data: { image: "127.0.0.1:9/team/app:1" } });
    await t.db.imageTag.update({ where: { ref: before.ref }, data: { ref: "127.0.0.1:9/team/app:1" } });
    await runUpdateCheck(t.db);
    const row = await t.db.imageTag.findFirstOrThrow();
    expect(row).toMatchObject({ remoteDigest: known, remoteCreatedAt: before.remoteCreatedAt, errorClass: "unreachable" });
    const view = await listUpdates(t.db);
    expect(view.job.lastRunErrors).toEqual([{ tag: "127.0.0.1:9/team/app:1", errorClass: "unreachable", message: expect.stringContaining("127.0.0.1:9") }]);
    expect(view.services.find((s) => s.serviceId === ids.lone)).toMatchObject({ status: "current", errorClass: "unreachable" });
  });

  it("each run tells the open pages (one images/checked event)", async () => {
    const seen: LiveEvent[] = [];
    const off = getEventBus().subscribe((e) => seen.push(e));
    try {
      const at = new Date("2026-12-06T12:00:00Z");
      await runUpdateCheck(t.db, { now: at });
      expect(seen.filter((e) => e.type === "images/checked")).toEqual([{ type: "images/checked", at: at.toISOString(), tags: 1 }]);
    } finally {
      off();
    }
  });

  it("Check now is refused while off, and audited when on", async () => {
    const refused = await checkNow(t.db, actor, meta).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("conflict");
    expect(asked).toBe(0);
    await updateSettings(t.db, { imageUpdatesEnabled: true }, actor, meta);
    const view = await checkNow(t.db, actor, meta);
    expect(view.job.lastRunTags).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "images.check" } })).toBe(1);
  });
});

describe("applying", () => {
  it("rolls a stack's services in the file's dependency order (what an app depends on first)", async () => {
    const host = await t.db.host.findFirstOrThrow();
    const compose = `services:\n  web:\n    image: ${registry}/team/app:1\n    depends_on: [db]\n  db:\n    image: ${registry}/team/app:1\n`;
    const stack = await t.db.stack.create({ data: { name: "shop", hostId: host.id, compose } });
    const web = await t.db.service.create({ data: { name: "shop-web", image: `${registry}/team/app:1`, hostId: host.id, stackId: stack.id, stackService: "web" } });
    const db = await t.db.service.create({ data: { name: "shop-db", image: `${registry}/team/app:1`, hostId: host.id, stackId: stack.id, stackService: "db" } });
    expect(await inDependencyOrder(t.db, stack.id, [web.id, db.id])).toEqual([db.id, web.id]);
  });

  const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : String(e)));

  it("refuses a service pinned to a digest, and a stack with nothing to update", async () => {
    expect(await codeOf(applyServiceUpdate(t.db, ids.pinned, actor, meta))).toBe('conflict: "pinned" is pinned to a digest; change the file to move it');
    await runUpdateCheck(t.db);
    expect(await codeOf(applyStackUpdate(t.db, ids.stack, actor, meta))).toMatch(/^conflict: No update is known for stack "media"/);
    expect(await t.db.deployment.count()).toBe(0);
  });
});
