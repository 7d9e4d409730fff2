// The Hosts list at scale, through the real route handler on a real SQLite file: 1,030 hosts page
// through in name order without a host dropped or repeated, search and the status filter narrow the
// list and its total, and each row carries its containers' figures. The server-rendered list shows
// the lab's counts and "Load more".
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as hostsGET } from "@/app/api/v1/hosts/route";
import { AppProviders } from "@/lib/client/providers";
import { HostsList } from "@/components/hosts/hosts-list";
import { listHostRows } from "@/lib/pages/host-list";
import type { HostListPage } from "@/lib/pages/schemas";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, setupAdmin, type Auth } from "../helpers/api";

const HOSTS = 1030;
const name = (i: number) => `node-${String(i).padStart(4, "0")}`;
let t: TestDb;
let auth: Auth;

beforeAll(async () => {
  t = await createTestDb();
  auth = await setupAdmin(t.db);
  // Created in shuffled order, so name order is not insertion order.
  const order = Array.from({ length: HOSTS }, (_, i) => i).sort((a, b) => ((a * 7919) % HOSTS) - ((b * 7919) % HOSTS));
  await t.db.host.createMany({
    data: order.map((i) => ({ name: name(i), hostname: `box${i}.lan`, addresses: JSON.stringify([`192.0.2.${i % 250}`]), enrolledAt: new Date(), revokedAt: i % 100 === 7 ? new Date() : null })),
  });
  const first = await t.db.host.findUniqueOrThrow({ where: { name: name(0) } });
  await t.db.containerState.createMany({
    data: [
      { hostId: first.id, containerId: "c1", name: "web", image: "busybox", state: "running", status: "Up", observedAt: new Date() },
      { hostId: first.id, containerId: "c2", name: "db", image: "busybox", state: "running", status: "Up", observedAt: new Date() },
      { hostId: first.id, containerId: "c3", name: "job", image: "busybox", state: "exited", status: "Exited (1)", exitCode: 1, observedAt: new Date() },
    ],
  });
}, 60_000);
afterAll(async () => { await t.cleanup(); });

const get = async (qs: string): Promise<HostListPage> => {
  const r = await call(hostsGET, `/api/v1/hosts?${qs}`, { auth });
  expect(r.status, r.text).toBe(200);
  return r.body as HostListPage;
};

describe("GET /api/v1/hosts at 1,000+ hosts", () => {
  it("pages through every host in name order, none dropped or repeated, with the total on each page", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: HostListPage = await get(`limit=200${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(HOSTS);
      expect(page.items.length).toBeLessThanOrEqual(200);
      seen.push(...page.items.map((h) => h.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(HOSTS);
    expect(seen).toEqual(Array.from({ length: HOSTS }, (_, i) => name(i)));
  });

  it("counts the lab and filters revoked and offline hosts, with the filtered total", async () => {
    const revoked = Array.from({ length: HOSTS }, (_, i) => i).filter((i) => i % 100 === 7).length;
    const all = await get("limit=5");
    expect(all.counts).toEqual({ all: HOSTS, online: 0, offline: HOSTS - revoked, revoked });
    const gone = await get("status=revoked&limit=200");
    expect(gone.total).toBe(revoked);
    expect(gone.items.map((h) => h.name)).toEqual(Array.from({ length: HOSTS }, (_, i) => i).filter((i) => i % 100 === 7).map(name));
    expect(gone.items.every((h) => h.revoked && h.status.revoked)).toBe(true);
    const offline = await get("status=offline&limit=1");
    expect(offline.total).toBe(HOSTS - revoked);
    expect(offline.items[0]!.status.online).toBe(false);
  });

  it("searches name, hostname and address", async () => {
    expect((await get("q=node-100")).items.map((h) => h.name)).toEqual(["node-1000", "node-1001", "node-1002", "node-1003", "node-1004", "node-1005", "node-1006", "node-1007", "node-1008", "node-1009"]);
    expect((await get("q=box1029.lan")).items.map((h) => h.name)).toEqual(["node-1029"]);
    const byAddress = await get("q=192.0.2.249");
    expect(byAddress.items.map((h) => h.name)).toEqual(["node-0249", "node-0499", "node-0749", "node-0999"]);
    expect(byAddress.total).toBe(4);
    expect(byAddress.counts).toEqual({ all: 4, online: 0, offline: 4, revoked: 0 });
    expect((await get("q=no-such-host")).total).toBe(0);
  });

  it("gives each row its containers running of total", async () => {
    const [first, second] = (await get("limit=2")).items;
    expect(first!.name).toBe(name(0));
    expect(first!.usage).toEqual({ running: 2, total: 3, cpuPercent: null, memoryBytes: null });
    expect(second!.usage).toEqual({ running: 0, total: 0, cpuPercent: null, memoryBytes: null });
  });

  it("refuses a page larger than the cap and an unknown filter", async () => {
    const big = await call(hostsGET, "/api/v1/hosts?limit=5000", { auth });
    expect(big.status).toBe(400);
    const bad = await call(hostsGET, "/api/v1/hosts?status=down", { auth });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe("bad_request");
  });

  it("filters online hosts by what the hub knows", async () => {
    const online = new Set([name(3), name(500)]);
    const ids = new Map((await t.db.host.findMany({ select: { id: true, name: true } })).map((h) => [h.id, h.name]));
    const page = await listHostRows(t.db, { limit: 50, status: "online" }, { isOnline: (id) => online.has(ids.get(id) ?? "") });
    expect(page.items.map((h) => h.name)).toEqual([name(3), name(500)]);
    expect(page.items.every((h) => h.status.online)).toBe(true);
    expect(page.counts.online).toBe(2);
  });
});

describe("the Hosts list, server-rendered", () => {
  it("shows the lab's counts, the first page and Load more", async () => {
    const initial = await listHostRows(t.db, { limit: 50 });
    const html = renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(HostsList, { initial }) }));
    expect(html).toMatch(/Showing <!-- -->50<!-- --> of <!-- -->1,030<!-- --> host/);
    expect(html).toContain("Load more");
    expect(html).toMatch(/Offline(<!-- -->)? <span[^>]*>1,019<\/span>/);
    expect(html.match(/data-testid="host-row"/g)).toHaveLength(50);
  });
});
