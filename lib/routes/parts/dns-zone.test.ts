// How one zone's apply reads as a DNS part's outcome — the same reading for a route's apply (its
// own hostname) and for the cleanup after a delete or the orphan sweep (the zone as a whole).
import { describe, expect, it } from "vitest";
import type { ApplyResultView } from "@/lib/dns";
import { dnsOutcome } from "./dns-zone";

const HOST = "app.home.example";
const zone = (o: Partial<ApplyResultView> = {}): ApplyResultView => ({ zoneId: "z1", zoneName: "home.example", ok: true, error: null, outcomes: [], conflicts: [], ...o });
const failedOutcome = (name: string, error: string) => ({ action: "create" as const, name, type: "A", ok: false, error });

describe("dnsOutcome", () => {
  const cases: { desc: string; results: ApplyResultView[]; hostname: string | null; want: { ok: boolean; message: string | null } }[] = [
    { desc: "an applied zone is the part's summary", results: [zone()], hostname: HOST, want: { ok: true, message: "A 192.168.1.10" } },
    { desc: "a zone that was not applied at all fails", results: [], hostname: HOST, want: { ok: false, message: "the zone was not applied" } },
    {
      desc: "a foreign record at the route's name fails with the clash's reason",
      results: [zone({ conflicts: [{ name: HOST, type: "A", reason: "a record Homeport did not create holds app.home.example" }] })],
      hostname: HOST,
      want: { ok: false, message: "a record Homeport did not create holds app.home.example" },
    },
    {
      desc: "a clash at another name is not this route's failure",
      results: [zone({ conflicts: [{ name: "other.home.example", type: "A", reason: "foreign" }] })],
      hostname: HOST,
      want: { ok: true, message: "A 192.168.1.10" },
    },
    {
      desc: "a refused change of the route's own record names that refusal and the zone",
      results: [zone({ ok: false, error: "2 changes failed", outcomes: [failedOutcome("x.home.example", "other"), failedOutcome(HOST, "REFUSED")] })],
      hostname: HOST,
      want: { ok: false, message: "home.example: REFUSED" },
    },
    {
      desc: "for the zone as a whole (orphan sweep), the zone's error",
      results: [zone({ ok: false, error: "the provider did not answer", outcomes: [failedOutcome(HOST, "REFUSED")] })],
      hostname: null,
      want: { ok: false, message: "home.example: the provider did not answer" },
    },
    {
      desc: "a failed zone without any reason still says the provider refused",
      results: [zone({ ok: false })],
      hostname: HOST,
      want: { ok: false, message: "home.example: the provider refused the change" },
    },
  ];
  for (const c of cases) it(c.desc, () => expect(dnsOutcome(c.results, c.hostname, "A 192.168.1.10")).toEqual(c.want));
});
