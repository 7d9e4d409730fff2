import type { Exposure } from "@/lib/routes/exposure";
import { describe, expect, it } from "vitest";
import { deriveDesiredRecords } from "./desired";

const zones = [
  { id: "lan", name: "home.test", role: "lan", target: ["192.168.1.10", "fd00::10"], ttl: 300 },
  { id: "pub", name: "home.test", role: "public", target: ["abc.cfargotunnel.com"], ttl: 300 },
  { id: "lan2", name: "lab.home.test", role: "lan", target: ["192.168.2.10"], ttl: 120 },
];
const view = (m: ReturnType<typeof deriveDesiredRecords>, id: string) => m.get(id)!.records.map((r) => `${r.name} ${r.type} ${r.values.join(",")}`);

describe("deriveDesiredRecords (split horizon)", () => {
  const cases: { desc: string; exposure: Exposure; hostname: string; lan: string[]; pub: string[]; lan2?: string[] }[] = [
    { desc: "lan route: LAN records only", exposure: "lan", hostname: "app.home.test", lan: ["app.home.test A 192.168.1.10", "app.home.test AAAA fd00::10"], pub: [] },
    { desc: "both: LAN records and a public CNAME", exposure: "both", hostname: "app.home.test", lan: ["app.home.test A 192.168.1.10", "app.home.test AAAA fd00::10"], pub: ["app.home.test CNAME abc.cfargotunnel.com"] },
    { desc: "remote: still answers at home through the proxy", exposure: "remote", hostname: "app.home.test", lan: ["app.home.test A 192.168.1.10", "app.home.test AAAA fd00::10"], pub: ["app.home.test CNAME abc.cfargotunnel.com"] },
    { desc: "the most specific zone wins", exposure: "lan", hostname: "x.lab.home.test", lan: [], pub: [], lan2: ["x.lab.home.test A 192.168.2.10"] },
    { desc: "outside every zone: nothing", exposure: "both", hostname: "app.elsewhere.test", lan: [], pub: [] },
  ];
  it.each(cases)("$desc", ({ exposure, hostname, lan, pub, lan2 }) => {
    const m = deriveDesiredRecords([{ id: "r1", hostname, exposure }], zones);
    expect(view(m, "lan")).toEqual(lan);
    expect(view(m, "pub")).toEqual(pub);
    expect(view(m, "lan2")).toEqual(lan2 ?? []);
  });

  it("takes the tunnel target from the tunnel domain when given", () => {
    const m = deriveDesiredRecords([{ id: "r1", hostname: "app.home.test", exposure: "both" }], zones, { tunnelTargetFor: () => "uuid.cfargotunnel.com" });
    expect(view(m, "pub")).toEqual(["app.home.test CNAME uuid.cfargotunnel.com"]);
  });

  it("reports a zone without a target instead of deriving a broken record", () => {
    const m = deriveDesiredRecords([{ id: "r1", hostname: "app.home.test", exposure: "both" }], [{ ...zones[1]!, target: [] }]);
    expect(m.get("pub")!.records).toEqual([]);
    expect(m.get("pub")!.issues[0]!.message).toMatch(/no tunnel target/);
  });

  it("reports invalid hostnames with the route's name", () => {
    const m = deriveDesiredRecords([{ id: "r1", hostname: "bad_name.home.test", exposure: "lan" }], zones);
    expect(m.get("lan")!.issues[0]).toMatchObject({ path: "routes.bad_name.home.test.name" });
  });
});
