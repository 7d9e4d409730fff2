// The overview of a lab with more hosts than any list it caps: the summary counts every host and
// every connected one (it counted the first 200 before), and the offline ones still lead the list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOverview, OverviewSchema } from "@/lib/overview";
import { createTestDb, type TestDb } from "../helpers/test-db";

const HOSTS = 1200;
let t: TestDb;
let userId: string;
const online = new Set<string>();

beforeAll(async () => {
  t = await createTestDb();
  userId = (await t.db.user.create({ data: { username: "admin", passwordHash: "x", role: "admin" } })).id;
  await t.db.host.createMany({ data: Array.from({ length: HOSTS }, (_, i) => ({ name: `node-${String(i).padStart(4, "0")}`, enrolledAt: new Date() })) });
  await t.db.host.create({ data: { name: "gone", enrolledAt: new Date(), revokedAt: new Date() } });
  const hosts = await t.db.host.findMany({ where: { revokedAt: null }, select: { id: true, name: true } });
  // All connected but three, one of them past the first 200 hosts in any order.
  for (const h of hosts) if (!["node-0005", "node-0700", "node-1199"].includes(h.name)) online.add(h.id);
}, 60_000);
afterAll(async () => { await t.cleanup(); });

describe("the overview at 1,200 hosts", () => {
  it("counts every host and every connected one, and lists each offline host", async () => {
    const o = OverviewSchema.parse(await getOverview(t.db, userId, { isOnline: (id) => online.has(id) }));
    expect(o.summary.hosts).toEqual({ total: HOSTS, online: HOSTS - 3 });
    const offline = o.attention.filter((a) => a.title.includes("is disconnected")).map((a) => a.title);
    expect(offline.sort()).toEqual(["Host node-0005 is disconnected", "Host node-0700 is disconnected", "Host node-1199 is disconnected"]);
  });
});
