// Homeport against a real BIND9 (named on loopback, RFC 2136 + TSIG): plan, apply, verify with
// real queries, idempotent re-apply, drift after a hand edit, foreign records left alone, and a
// clean failure while BIND is down followed by success after it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { applyDns, createProvider, createZone, DnsProviderError, driftDns, planDns, planZone, reconcileDnsOnce, type RecordSet } from "@/lib/dns";
import { rfc2136Provider } from "@/lib/dns/providers/rfc2136";
import { buildAxfr } from "@/lib/dns/providers/dns-wire";
import { exchangeTcp } from "@/lib/dns/providers/dns-tcp";
import { signMessage, verifyResponses } from "@/lib/dns/providers/tsig";
import type { Db } from "@/lib/db";
import { dig, ensureDnsServers, startNamed, type Named } from "./servers";

const ZONE = "home.test";
const actor = { type: "user" as const, id: "u1", name: "admin" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };

let tdb: TestDb;
let db: Db;
let named: Named;
let zoneId: string;

async function addRoute(hostname: string, exposure = "lan") {
  return db.route.create({ data: { hostname, upstreamUrl: "http://192.0.2.50:8080", exposure } });
}

describe("RFC 2136 provider against a real BIND9", () => {
  beforeAll(async () => {
    await ensureDnsServers();
    named = await startNamed({ zone: ZONE, records: ["clash IN A 10.9.9.9", "other IN A 10.8.8.8", "www IN CNAME other"] });
    tdb = await createTestDb();
    db = tdb.db;
    const provider = await createProvider(db, { name: "bind", kind: "rfc2136", settings: { server: "127.0.0.1", port: named.port, keyName: named.keyName, secret: named.secret } }, actor, meta);
    expect(JSON.stringify(provider)).not.toContain(named.secret);
    const zone = await createZone(db, { name: ZONE, role: "lan", providerId: provider.id, target: ["192.168.1.10", "fd00::10"], ttl: 300, autoApply: false }, actor, meta);
    zoneId = zone.id;
  }, 180_000);

  afterAll(async () => {
    await named?.cleanup();
    await tdb?.cleanup();
  });

  it("plans creates for routes and reports a clash with a foreign record instead of touching it", async () => {
    await addRoute("app.home.test", "both");
    await addRoute("clash.home.test");
    const [plan] = await planDns(db, { zoneId });
    expect(plan!.error).toBeNull();
    expect(plan!.changes.map((c) => `${c.action} ${c.name} ${c.type}`)).toEqual(["create app.home.test A", "create app.home.test AAAA"]);
    expect(plan!.conflicts.map((c) => `${c.name} ${c.type}`)).toEqual(["clash.home.test A", "clash.home.test AAAA"]);
    expect(plan!.conflicts[0]!.reason).toContain("10.9.9.9");
    expect(plan!.foreign.map((f) => f.name)).toEqual(expect.arrayContaining(["clash.home.test", "other.home.test", "www.home.test"]));
  });

  it("applies the plan: real queries answer, foreign records are untouched", async () => {
    const [res] = await applyDns(db, actor, { zoneId });
    expect(res!.ok, res!.error ?? "").toBe(true);
    expect(res!.outcomes.every((o) => o.ok)).toBe(true);
    expect(await dig(named.port, "app.home.test", "A")).toEqual(["192.168.1.10"]);
    expect(await dig(named.port, "app.home.test", "AAAA")).toEqual(["fd00::10"]);
    expect(await dig(named.port, "_homeport.app.home.test", "TXT")).toEqual(['"heritage=homeport type=A"', '"heritage=homeport type=AAAA"']);
    expect(await dig(named.port, "clash.home.test", "A")).toEqual(["10.9.9.9"]);
    expect(await dig(named.port, "clash.home.test", "AAAA")).toEqual([]);
    expect(await dig(named.port, "www.home.test", "CNAME")).toEqual(["other.home.test."]);
  });

  it("re-applying is a no-op: the plan is empty", async () => {
    const [plan] = await planDns(db, { zoneId });
    expect(plan!.changes).toEqual([]);
    expect(plan!.unchanged).toBe(2);
    const [res] = await applyDns(db, actor, { zoneId });
    expect(res).toMatchObject({ ok: true, outcomes: [] });
  });

  it("detects a hand edit as drift, and re-apply restores it", async () => {
    await named.nsupdate(["update delete app.home.test. A", "update add app.home.test. 300 A 10.6.6.6"]);
    const [drift] = await driftDns(db, { zoneId });
    expect(drift!.items).toEqual([{ name: "app.home.test", type: "A", kind: "changed", expected: { values: ["192.168.1.10"], ttl: 300 }, actual: { values: ["10.6.6.6"], ttl: 300 } }]);
    expect((await db.dnsZone.findUniqueOrThrow({ where: { id: zoneId } })).driftCount).toBe(1);
    const [res] = await applyDns(db, actor, { zoneId });
    expect(res!.outcomes).toEqual([{ action: "update", name: "app.home.test", type: "A", ok: true }]);
    expect(await dig(named.port, "app.home.test", "A")).toEqual(["192.168.1.10"]);
    expect((await driftDns(db, { zoneId }))[0]!.items).toEqual([]);
  });

  it("a record removed by hand shows as removed drift", async () => {
    await named.nsupdate(["update delete app.home.test. AAAA"]);
    const [drift] = await driftDns(db, { zoneId });
    expect(drift!.items).toEqual([expect.objectContaining({ name: "app.home.test", type: "AAAA", kind: "removed" })]);
    await applyDns(db, actor, { zoneId });
    expect(await dig(named.port, "app.home.test", "AAAA")).toEqual(["fd00::10"]);
  });

  it("deleting a route deletes only its own records", async () => {
    const r = await addRoute("gone.home.test");
    await applyDns(db, actor, { zoneId });
    expect(await dig(named.port, "gone.home.test", "A")).toEqual(["192.168.1.10"]);
    await db.route.delete({ where: { id: r.id } });
    const [plan] = await planDns(db, { zoneId });
    expect(plan!.changes.map((c) => `${c.action} ${c.name} ${c.type}`)).toEqual(["delete gone.home.test A", "delete gone.home.test AAAA"]);
    await applyDns(db, actor, { zoneId });
    expect(await dig(named.port, "gone.home.test", "A")).toEqual([]);
    expect(await dig(named.port, "_homeport.gone.home.test", "TXT")).toEqual([]);
    expect(await dig(named.port, "other.home.test", "A")).toEqual(["10.8.8.8"]);
  });

  it("invalid desired records refuse the apply with clear errors and apply nothing", async () => {
    const good = await addRoute("fresh.home.test");
    const bad = await db.route.create({ data: { hostname: "bad_name.home.test", upstreamUrl: "http://192.0.2.50", exposure: "lan" } });
    await expect(applyDns(db, actor, { zoneId })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("bad_name") });
    expect(await dig(named.port, "fresh.home.test", "A")).toEqual([]);
    await db.route.delete({ where: { id: bad.id } });
    await db.route.delete({ where: { id: good.id } });
  });

  it("BIND stopped between plan and apply: the provider fails with a typed, readable reason", async () => {
    const settings = { server: "127.0.0.1", port: named.port, keyName: named.keyName, secret: named.secret, algorithm: "hmac-sha256" as const };
    const desired: RecordSet[] = [{ name: "mid.home.test", type: "A", values: ["192.168.1.10"], ttl: 300 }];
    const observed = (await rfc2136Provider.listRecords({ settings }, { name: ZONE })).filter((o) => o.name === "mid.home.test");
    const plan = planZone(desired, observed, { compareTtl: true });
    expect(plan.changes.map((c) => c.action)).toEqual(["create"]);
    await named.stop();
    const err = await rfc2136Provider.applyChanges({ settings }, { name: ZONE }, plan.changes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DnsProviderError);
    expect(err).toMatchObject({ code: "unavailable", message: expect.stringContaining(`127.0.0.1:${named.port}`) });
    await named.start();
    const outcomes = await rfc2136Provider.applyChanges({ settings }, { name: ZONE }, plan.changes);
    expect(outcomes.map((o) => o.ok)).toEqual([true]);
    expect(await dig(named.port, "mid.home.test", "A")).toEqual(["192.168.1.10"]);
    await rfc2136Provider.applyChanges({ settings }, { name: ZONE }, [{ action: "delete", name: "mid.home.test", type: "A", before: { ...desired[0]!, owned: true } }]);
  }, 60_000);

  it("verifies the TSIG signature of BIND's answers and rejects an altered one", async () => {
    const key = { name: named.keyName, algorithm: "hmac-sha256", secret: Buffer.from(named.secret, "base64") };
    const { signed, mac } = signMessage(buildAxfr(`${ZONE}.`).message, key);
    const responses = await exchangeTcp("127.0.0.1", named.port, [signed], { timeoutMs: 10_000, axfr: true });
    expect(verifyResponses(responses, key, mac)).toBeUndefined();
    const altered = responses.map((b) => Buffer.from(b));
    const first = altered[0]!;
    first[first.length - 80] = first[first.length - 80]! ^ 0xff;
    expect(verifyResponses(altered, key, mac)).toMatch(/does not verify|not signed|another key/);
    expect(verifyResponses(responses, { ...key, secret: Buffer.alloc(32, 9) }, mac)).toMatch(/does not verify/);
  });

  it("a wrong TSIG key is refused with a clear reason", async () => {
    const settings = { server: "127.0.0.1", port: named.port, keyName: named.keyName, secret: Buffer.alloc(32, 7).toString("base64"), algorithm: "hmac-sha256" as const };
    await expect(rfc2136Provider.listRecords({ settings }, { name: ZONE })).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/refused the TSIG key \(BADSIG\)/) });
  });

  it("BIND stopped mid-apply: clean failure with the reason, desired state kept, success after restart", async () => {
    await addRoute("later.home.test");
    const [plan] = await planDns(db, { zoneId });
    expect(plan!.changes.map((c) => `${c.name} ${c.type}`)).toEqual(["later.home.test A", "later.home.test AAAA"]);
    await named.stop();
    const [res] = await applyDns(db, actor, { zoneId });
    expect(res!.ok).toBe(false);
    expect(res!.error).toMatch(/did not answer|refused|unreachable|timed out/i);
    expect(res!.outcomes.every((o) => !o.ok)).toBe(true);
    const zone = await db.dnsZone.findUniqueOrThrow({ where: { id: zoneId } });
    expect(zone).toMatchObject({ lastApplyOk: false, failures: 1 });
    expect(zone.retryAt).not.toBeNull();
    expect(await db.route.count({ where: { hostname: "later.home.test" } })).toBe(1);

    await named.start();
    const report = await reconcileDnsOnce(db, new Date(Date.now() + 60 * 60_000));
    expect(report.applied).toBe(1);
    expect(await dig(named.port, "later.home.test", "A")).toEqual(["192.168.1.10"]);
    expect(await dig(named.port, "clash.home.test", "A")).toEqual(["10.9.9.9"]);
    expect(await db.dnsZone.findUniqueOrThrow({ where: { id: zoneId } })).toMatchObject({ lastApplyOk: true, failures: 0, retryAt: null });
  }, 90_000);
});
