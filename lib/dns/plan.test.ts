import { describe, expect, it } from "vitest";
import { detectDrift, planZone } from "./plan";
import type { ObservedRecordSet, RecordSet } from "./types";

const A = (name: string, v: string, ttl = 300): RecordSet => ({ name, type: "A", values: [v], ttl });
const own = (s: RecordSet): ObservedRecordSet => ({ ...s, owned: true });
const foreign = (s: RecordSet): ObservedRecordSet => ({ ...s, owned: false });
const summary = (p: ReturnType<typeof planZone>) => ({ changes: p.changes.map((c) => `${c.action} ${c.name} ${c.type}`), conflicts: p.conflicts.map((c) => `${c.desired.name} ${c.desired.type}`), unchanged: p.unchanged });

describe("planZone", () => {
  const cases: { desc: string; desired: RecordSet[]; observed: ObservedRecordSet[]; compareTtl?: boolean; ledger?: string[]; want: ReturnType<typeof summary> }[] = [
    { desc: "empty zone: creates", desired: [A("a.z.test", "10.0.0.1")], observed: [], want: { changes: ["create a.z.test A"], conflicts: [], unchanged: 0 } },
    { desc: "already as desired: nothing", desired: [A("a.z.test", "10.0.0.1")], observed: [own(A("a.z.test", "10.0.0.1"))], want: { changes: [], conflicts: [], unchanged: 1 } },
    { desc: "value changed: update", desired: [A("a.z.test", "10.0.0.1")], observed: [own(A("a.z.test", "10.0.0.9"))], want: { changes: ["update a.z.test A"], conflicts: [], unchanged: 0 } },
    { desc: "TTL changed: update when compared", desired: [A("a.z.test", "10.0.0.1", 600)], observed: [own(A("a.z.test", "10.0.0.1"))], want: { changes: ["update a.z.test A"], conflicts: [], unchanged: 0 } },
    { desc: "TTL ignored without per-record TTLs", compareTtl: false, desired: [A("a.z.test", "10.0.0.1", 600)], observed: [own(A("a.z.test", "10.0.0.1", 0))], want: { changes: [], conflicts: [], unchanged: 1 } },
    { desc: "owned but no longer desired: delete", desired: [], observed: [own(A("old.z.test", "10.0.0.1"))], want: { changes: ["delete old.z.test A"], conflicts: [], unchanged: 0 } },
    { desc: "foreign and not desired: untouched", desired: [], observed: [foreign(A("nas.z.test", "10.0.0.2"))], want: { changes: [], conflicts: [], unchanged: 0 } },
    { desc: "foreign at the same name and type: conflict, no change", desired: [A("nas.z.test", "10.0.0.1")], observed: [foreign(A("nas.z.test", "10.0.0.2"))], want: { changes: [], conflicts: ["nas.z.test A"], unchanged: 0 } },
    { desc: "foreign CNAME at the name: conflict for an A", desired: [A("www.z.test", "10.0.0.1")], observed: [foreign({ name: "www.z.test", type: "CNAME", values: ["x.z.test"], ttl: 300 })], want: { changes: [], conflicts: ["www.z.test A"], unchanged: 0 } },
    { desc: "foreign A at the name: conflict for an AAAA too", desired: [{ name: "n.z.test", type: "AAAA", values: ["fd00::1"], ttl: 300 }], observed: [foreign(A("n.z.test", "10.0.0.2"))], want: { changes: [], conflicts: ["n.z.test AAAA"], unchanged: 0 } },
    { desc: "ledger makes an unmarked record owned", ledger: ["a.z.test|A"], desired: [A("a.z.test", "10.0.0.1")], observed: [{ ...A("a.z.test", "10.0.0.5") }], want: { changes: ["update a.z.test A"], conflicts: [], unchanged: 0 } },
    { desc: "unmarked record not in the ledger is foreign", ledger: [], desired: [A("a.z.test", "10.0.0.1")], observed: [{ ...A("a.z.test", "10.0.0.5") }], want: { changes: [], conflicts: ["a.z.test A"], unchanged: 0 } },
    {
      desc: "A replaced by CNAME: delete sorted before create",
      desired: [{ name: "app.z.test", type: "CNAME", values: ["t.example.net"], ttl: 300 }],
      observed: [own(A("app.z.test", "10.0.0.1"))],
      want: { changes: ["delete app.z.test A", "create app.z.test CNAME"], conflicts: [], unchanged: 0 },
    },
  ];
  it.each(cases)("$desc", ({ desired, observed, compareTtl, ledger, want }) => {
    expect(summary(planZone(desired, observed, { compareTtl: compareTtl ?? true, ledger: ledger ? new Set(ledger) : undefined }))).toEqual(want);
  });

  it("lists foreign records for read-only display", () => {
    const p = planZone([], [foreign(A("nas.z.test", "10.0.0.2")), own(A("a.z.test", "10.0.0.1"))], { compareTtl: true });
    expect(p.foreign.map((f) => f.name)).toEqual(["nas.z.test"]);
  });
});

describe("detectDrift", () => {
  const applied = [A("a.z.test", "10.0.0.1"), A("b.z.test", "10.0.0.2")];
  const cases: { desc: string; observed: ObservedRecordSet[]; want: string[] }[] = [
    { desc: "no drift", observed: [own(A("a.z.test", "10.0.0.1")), own(A("b.z.test", "10.0.0.2"))], want: [] },
    { desc: "changed by hand", observed: [own(A("a.z.test", "10.9.9.9")), own(A("b.z.test", "10.0.0.2"))], want: ["changed a.z.test"] },
    { desc: "removed by hand", observed: [own(A("a.z.test", "10.0.0.1"))], want: ["removed b.z.test"] },
    { desc: "ownership mark removed counts as removed", observed: [own(A("a.z.test", "10.0.0.1")), foreign(A("b.z.test", "10.0.0.2"))], want: ["removed b.z.test"] },
  ];
  it.each(cases)("$desc", ({ observed, want }) => {
    expect(detectDrift(applied, observed, { compareTtl: true }).map((d) => `${d.kind} ${d.name}`)).toEqual(want);
  });
});
