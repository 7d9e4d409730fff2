// One contract test over the four HTTP providers, each against a fake that follows the vendor's
// documented request/response shapes: list (foreign records read-only), create/update/delete with
// ownership marks, idempotent re-plan, clashes, auth failures and rate limits (before and mid-apply).
import { afterEach, describe, expect, it } from "vitest";
import { DnsProviderError, isOwned, planZone, setKey, type DnsProviderDefinition, type ObservedRecordSet, type RecordChange, type RecordSet } from "@/lib/dns";
import { DNS_PROVIDERS } from "@/lib/dns/providers";
import type { FakeServer, FaultSwitches } from "./fakes/base";
import { startPiholeFake } from "./fakes/pihole";
import { startAdguardFake } from "./fakes/adguard";
import { startTechnitiumFake } from "./fakes/technitium";
import { startCloudflareFake } from "./fakes/cloudflare";

const ZONE = "home.test";
const SECRET = "s3cret-value-never-shown";

interface Harness {
  fake: FakeServer & FaultSwitches;
  settings: unknown;
  badSettings: unknown;
  /** Requests a first create needs (login, zone lookup…), so a rate limit can start right after it. */
  requestsForFirstCreate: number;
  /** Whether the fake stores Homeport's mark with the record (comment field). */
  markStored?: () => boolean;
  /** Extra checks after each test (e.g. Pi-hole sessions closed). */
  after?: () => void;
}

const cases: { kind: "pihole" | "adguard" | "technitium" | "cloudflare"; start: () => Promise<Harness> }[] = [
  {
    kind: "pihole",
    async start() {
      const fake = await startPiholeFake({ password: SECRET, hosts: ["10.0.0.2 nas.home.test", "10.0.0.9 elsewhere.other.test"] });
      return {
        fake, requestsForFirstCreate: 2,
        settings: { url: fake.url, password: SECRET }, badSettings: { url: fake.url, password: "wrong" },
        after: () => expect(fake.sessions.size, "every session is logged out").toBe(0),
      };
    },
  },
  {
    kind: "adguard",
    async start() {
      const fake = await startAdguardFake({ username: "admin", password: SECRET, rewrites: [{ domain: "nas.home.test", answer: "10.0.0.2" }] });
      return { fake, requestsForFirstCreate: 1, settings: { url: fake.url, username: "admin", password: SECRET }, badSettings: { url: fake.url, username: "admin", password: "wrong" } };
    },
  },
  {
    kind: "technitium",
    async start() {
      const fake = await startTechnitiumFake({ token: SECRET, zone: ZONE, records: [{ name: "nas.home.test", type: "A", ttl: 3600, rData: { ipAddress: "10.0.0.2" } }] });
      return {
        fake, requestsForFirstCreate: 1, settings: { url: fake.url, token: SECRET }, badSettings: { url: fake.url, token: "wrong" },
        markStored: () => fake.records.filter((r) => r.name !== "nas.home.test").every((r) => r.comments === "heritage=homeport"),
      };
    },
  },
  {
    kind: "cloudflare",
    async start() {
      const fake = await startCloudflareFake({ token: SECRET, zone: ZONE, records: [{ name: "nas.home.test", type: "A", content: "10.0.0.2", ttl: 1, proxied: false, comment: null }] });
      return {
        fake, requestsForFirstCreate: 2, settings: { apiToken: SECRET, baseUrl: fake.url }, badSettings: { apiToken: "wrong", baseUrl: fake.url },
        markStored: () => fake.records.filter((r) => r.name !== "nas.home.test").every((r) => r.comment?.includes("heritage=homeport")),
      };
    },
  },
];

describe.each(cases)("$kind provider (contract fake)", ({ kind, start }) => {
  const provider = DNS_PROVIDERS[kind] as unknown as DnsProviderDefinition<unknown>;
  let h: Harness | undefined;
  const zone = { name: ZONE };
  /** Homeport's ledger, as lib/dns/apply.ts keeps it for providers without a mark. */
  const ledger = new Set<string>();
  const ctx = () => ({ settings: provider.settingsSchema.parse(h!.settings) });
  const plan = async (desired: RecordSet[]) => {
    const observed = await provider.listRecords(ctx(), zone);
    return planZone(desired, observed, { compareTtl: provider.capabilities.perRecordTtl, ledger: provider.capabilities.ownership === "ledger" ? ledger : undefined });
  };
  const apply = async (changes: RecordChange[]) => {
    const outcomes = await provider.applyChanges(ctx(), zone, changes);
    for (const o of outcomes.filter((x) => x.ok)) {
      if (o.change.action === "delete") ledger.delete(setKey(o.change));
      else ledger.add(setKey(o.change));
    }
    return outcomes;
  };
  const owned = (obs: ObservedRecordSet[]) => obs.filter((o) => isOwned(o, provider.capabilities.ownership === "ledger" ? ledger : undefined));

  afterEach(async () => {
    h?.after?.();
    await h?.fake.close();
    h = undefined;
    ledger.clear();
  });

  it("lists the zone's records; records Homeport did not create are foreign", async () => {
    h = await start();
    const observed = await provider.listRecords(ctx(), zone);
    expect(observed).toEqual([expect.objectContaining({ name: "nas.home.test", type: "A", values: ["10.0.0.2"] })]);
    expect(owned(observed)).toEqual([]);
  });

  it("creates marked records; a second plan is empty", async () => {
    h = await start();
    const desired: RecordSet[] = [
      { name: "app.home.test", type: "A", values: ["192.168.1.10"], ttl: 300 },
      { name: "pub.home.test", type: "CNAME", values: ["tunnel.example.net"], ttl: 300 },
    ];
    const p = await plan(desired);
    expect(p.changes.map((c) => `${c.action} ${c.name}`)).toEqual(["create app.home.test", "create pub.home.test"]);
    const outcomes = await apply(p.changes);
    expect(outcomes.map((o) => [o.ok, o.error])).toEqual([[true, undefined], [true, undefined]]);
    if (h.markStored) expect(h.markStored()).toBe(true);
    const again = await plan(desired);
    expect(again.changes).toEqual([]);
    expect(owned(await provider.listRecords(ctx(), zone)).map((o) => `${o.name} ${o.type} ${o.values.join(",")}`).sort()).toEqual(["app.home.test A 192.168.1.10", "pub.home.test CNAME tunnel.example.net"]);
  });

  it("updates and deletes only its own records", async () => {
    h = await start();
    await apply((await plan([{ name: "app.home.test", type: "A", values: ["192.168.1.10"], ttl: 300 }])).changes);
    const upd = await plan([{ name: "app.home.test", type: "A", values: ["192.168.1.11"], ttl: 300 }]);
    expect(upd.changes.map((c) => c.action)).toEqual(["update"]);
    expect((await apply(upd.changes)).every((o) => o.ok)).toBe(true);
    expect(owned(await provider.listRecords(ctx(), zone))).toEqual([expect.objectContaining({ name: "app.home.test", values: ["192.168.1.11"] })]);
    const del = await plan([]);
    expect(del.changes.map((c) => `${c.action} ${c.name}`)).toEqual(["delete app.home.test"]);
    expect((await apply(del.changes)).every((o) => o.ok)).toBe(true);
    expect(await provider.listRecords(ctx(), zone)).toEqual([expect.objectContaining({ name: "nas.home.test", values: ["10.0.0.2"] })]);
  });

  it("reports a clash with a foreign record and never overwrites it", async () => {
    h = await start();
    const p = await plan([{ name: "nas.home.test", type: "A", values: ["192.168.1.10"], ttl: 300 }]);
    expect(p.changes).toEqual([]);
    expect(p.conflicts).toEqual([expect.objectContaining({ reason: expect.stringContaining("10.0.0.2") })]);
  });

  it("a wrong credential fails with `unauthorized`, a readable reason, and no secret in it", async () => {
    h = await start();
    const bad = { settings: provider.settingsSchema.parse(h.badSettings) };
    const err = await provider.listRecords(bad, zone).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DnsProviderError);
    expect(err).toMatchObject({ code: "unauthorized" });
    expect((err as Error).message).not.toContain(SECRET);
    await expect(provider.applyChanges(bad, zone, [{ action: "create", name: "x.home.test", type: "A", after: { name: "x.home.test", type: "A", values: ["192.168.1.10"], ttl: 300 } }])).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("a rate limit fails the call with `rate_limited`; mid-apply, applied changes stay ok and the rest fail", async () => {
    h = await start();
    h.fake.rateLimitNext = 1;
    const err = await provider.listRecords(ctx(), zone).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/rate-limiting/) });
    const desired: RecordSet[] = ["a1", "a2", "a3"].map((n) => ({ name: `${n}.home.test`, type: "A", values: ["192.168.1.10"], ttl: 300 }));
    const p = await plan(desired);
    h.fake.rateLimitAfter = h.requestsForFirstCreate;
    h.fake.rateLimitNext = 100;
    const outcomes = await apply(p.changes);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
    expect(outcomes[1]!.error).toMatch(/rate-limiting/);
    h.fake.rateLimitNext = 0;
    expect((await plan(desired)).changes.map((c) => c.name)).toEqual(["a2.home.test", "a3.home.test"]);
  });
});

describe("cloudflare provider paging", () => {
  it("reads every page of a large zone (result_info.total_pages)", async () => {
    const records = Array.from({ length: 1203 }, (_, i) => ({ name: `h${i}.home.test`, type: "A", content: "10.0.0.1", ttl: 1, proxied: false, comment: i % 2 ? "heritage=homeport (managed by Homeport)" : null }));
    const fake = await startCloudflareFake({ token: SECRET, zone: ZONE, records });
    try {
      const provider = DNS_PROVIDERS.cloudflare as unknown as DnsProviderDefinition<unknown>;
      const sets = await provider.listRecords({ settings: provider.settingsSchema.parse({ apiToken: SECRET, baseUrl: fake.url }) }, { name: ZONE });
      expect(sets).toHaveLength(1203);
      expect(sets.filter((s) => s.owned)).toHaveLength(601);
      expect(fake.requests.filter((r) => r.path.endsWith("/dns_records")).map((r) => r.query.get("page"))).toEqual(["1", "2", "3"]);
    } finally {
      await fake.close();
    }
  });
});
