// The services list at scale: 3,000 services (past the old 2,000 cap and SQLite's parameter
// limit, where the list failed) page through without a drop, broken ones first, with each state
// derived as before; on a small mixed lab every sort and filter answers what the old list did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as servicesGET } from "@/app/api/v1/services/route";
import { listServiceRows } from "@/lib/agents";
import { listHostChoices, serviceLabels } from "@/lib/inventory";
import { listServicePage, likeContains, serviceListChoices } from "@/lib/pages/service-list";
import type { ServiceRow } from "@/lib/inventory";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, setupAdmin, type Auth } from "../helpers/api";

const SERVICES = 3000;
const name = (i: number) => `svc-${String(i).padStart(4, "0")}`;
let t: TestDb;
let auth: Auth;

/** Service i: every 100th exits, every 250th's latest deploy failed, every 7th has no container, the rest run. */
async function seed(t: TestDb, count: number, prefix = ""): Promise<void> {
  const host = await t.db.host.create({ data: { name: `${prefix}nas`, enrolledAt: new Date() } });
  const other = await t.db.host.create({ data: { name: `${prefix}pi`, enrolledAt: new Date() } });
  await t.db.service.createMany({ data: Array.from({ length: count }, (_, i) => ({ name: `${prefix}${name(i)}`, image: i % 2 ? "nginx:1.27" : "redis:7", hostId: i % 13 === 12 ? other.id : host.id, desiredState: i % 40 === 39 ? "stopped" : "running", tags: JSON.stringify(i % 3 ? ["media"] : ["tools"]), groupName: i % 5 ? null : "Core" })) });
  const services = await t.db.service.findMany({ select: { id: true, name: true, hostId: true } });
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1) + m * 60_000);
  await t.db.containerState.createMany({
    data: services.flatMap((s, k) => {
      const i = Number(s.name.slice(-4));
      if (i % 7 === 3) return [];
      const exited = i % 100 === 1;
      const rows = [{ hostId: s.hostId!, containerId: `c-${s.id}`, name: s.name, image: "x", state: exited ? "exited" : "running", status: exited ? "Exited (2)" : "Up", exitCode: exited ? 2 : null, health: i % 11 === 4 ? "unhealthy" : null, managed: true, serviceId: s.id, startedAt: at(k), observedAt: at(k) }];
      // An older, renamed container of the same service: the row must show the one named like it.
      if (i % 17 === 5) rows.push({ hostId: s.hostId!, containerId: `old-${s.id}`, name: `${s.name}-old`, image: "x", state: "exited", status: "Exited (9)", exitCode: 9, health: null, managed: true, serviceId: s.id, startedAt: at(k), observedAt: at(k + 5) });
      return rows;
    }),
  });
  await t.db.deployment.createMany({
    data: services.flatMap((s) => {
      const i = Number(s.name.slice(-4));
      return [{ serviceId: s.id, status: "succeeded", createdAt: at(0) }, { serviceId: s.id, status: i % 250 === 2 ? "failed" : "succeeded", error: i % 250 === 2 ? "health check failed" : null, createdAt: at(10) }];
    }),
  });
}

beforeAll(async () => {
  t = await createTestDb();
  auth = await setupAdmin(t.db);
  await seed(t, SERVICES);
}, 120_000);
afterAll(async () => { await t.cleanup(); });

const get = async (qs: string) => {
  const r = await call(servicesGET, `/api/v1/services?${qs}`, { auth });
  expect(r.status, r.text).toBe(200);
  return r.body as { items: ServiceRow[]; nextCursor: string | null };
};

async function all(qs: string): Promise<ServiceRow[]> {
  const out: ServiceRow[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 40; n++) {
    const page: { items: ServiceRow[]; nextCursor: string | null } = await get(`${qs}&limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describe("GET /api/v1/services at 3,000 services", () => {
  it("pages through every service, none dropped or repeated", async () => {
    const rows = await all("sort=name");
    expect(rows.map((r) => r.name)).toEqual(Array.from({ length: SERVICES }, (_, i) => name(i)));
  });

  it("puts what needs attention first: failed deploys, exits, no container, unhealthy, then the rest", async () => {
    const rows = await all("sort=attention");
    expect(rows).toHaveLength(SERVICES);
    expect(rows[0]!.status.kind).toBe("failed");
    expect(rows[0]!.status.detail).toBe("health check failed");
    const kinds = rows.map((r) => r.status.kind);
    expect(kinds.lastIndexOf("failed")).toBeLessThan(kinds.indexOf("exited"));
    expect(kinds.indexOf("running")).toBeGreaterThan(kinds.lastIndexOf("unhealthy"));
  });

  it("filters broken services and shows the container named like the service", async () => {
    const broken = await all("state=exited");
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((r) => r.status.label === "Exited (2)")).toBe(true);
    // svc-0005 has an exited container named svc-0005-old observed later; its own runs.
    const [five] = (await get("q=svc-0005&limit=5")).items;
    expect(five!.name).toBe("svc-0005");
    expect(five!.status.kind).toBe("running");
  });

  it("searches with LIKE's wildcards taken literally", async () => {
    expect((await get("q=svc_00")).items).toHaveLength(0);
    expect(likeContains("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});

describe("the filter menus", () => {
  it("offer the hosts and every tag and group in use, as the old menus did", async () => {
    await t.db.service.create({ data: { name: "late-one", image: "x", tags: JSON.stringify(["backup"]), groupName: "Zeta" } });
    const choices = await serviceListChoices(t.db);
    const labels = await serviceLabels(t.db);
    expect(choices.hosts).toEqual((await listHostChoices(t.db)).map((h) => ({ id: h.id, name: h.name })));
    // The old menus read the first 2,000 services only, and missed the one created last.
    expect(labels.tags).not.toContain("backup");
    expect(choices.tags).toEqual(["backup", "media", "tools"]);
    expect(choices.groups).toEqual(["Core", "Zeta"]);
    await t.db.service.delete({ where: { name: "late-one" } });
  });
});

describe("the same answers as the list it replaces, on a lab small enough for it", () => {
  it("for every sort and filter", async () => {
    const small = await createTestDb();
    try {
      await seed(small, 300, "s-");
      const hostId = (await small.db.host.findFirstOrThrow({ where: { name: "s-pi" } })).id;
      const queries = [{}, { sort: "attention" as const }, { sort: "name" as const }, { sort: "uptime" as const }, { state: "broken" as const }, { state: "no-container" as const, sort: "name" as const }, { q: "0012" }, { tag: "tools" }, { group: "Core", sort: "attention" as const }, { hostId }];
      for (const q of queries) {
        const before = await listServiceRows(small.db, { limit: 50, ...q });
        const after = await listServicePage(small.db, { limit: 50, ...q });
        expect(after, JSON.stringify(q)).toEqual(before);
        if (before.nextCursor) expect(await listServicePage(small.db, { limit: 50, ...q, cursor: before.nextCursor })).toEqual(await listServiceRows(small.db, { limit: 50, ...q, cursor: before.nextCursor }));
      }
    } finally {
      await small.cleanup();
    }
  }, 60_000);
});
