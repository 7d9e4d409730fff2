// The automatic checks' plumbing carries a check's expectation: absent means "reachable", and a
// change of expectation alone updates the check. (Which routes get exposure checks is decided by
// desiredAutoChecks; this only covers the columns and the comparison.)
import { describe, expect, it } from "vitest";
import { planAutoChecks, type DesiredCheck, type ExistingAutoCheck } from "./auto-checks";
import { CheckCreateSchema, CheckUpdateSchema } from "./schemas";

const spec = { type: "https" as const, target: { url: "https://nas.home.example/", method: "GET" as const, expectStatus: { min: 200, max: 499 }, followRedirects: true, maxRedirects: 5, verifyTls: false, tlsMinDaysValid: 7 } };
const desired = (expectation?: DesiredCheck["expectation"]): DesiredCheck => ({ sourceKey: "route:r1:exposure", source: "route", name: "nas from away", spec, vantages: ["kind:remote"], ...(expectation ? { expectation } : {}) });
const existing = (expectation?: string): ExistingAutoCheck => ({ id: "c1", sourceKey: "route:r1:exposure", name: "nas from away", type: "https", target: JSON.stringify(spec.target), vantages: JSON.stringify(["kind:remote"]), ...(expectation ? { expectation } : {}) });

describe("planAutoChecks: expectation", () => {
  const cases: { desc: string; d: DesiredCheck; e: ExistingAutoCheck; updates: number }[] = [
    { desc: "both absent: unchanged", d: desired(), e: existing(), updates: 0 },
    { desc: "absent equals reachable", d: desired("reachable"), e: existing(), updates: 0 },
    { desc: "stored reachable, wanted unreachable: update", d: desired("unreachable"), e: existing("reachable"), updates: 1 },
    { desc: "stored unreachable, wanted default: update", d: desired(), e: existing("unreachable"), updates: 1 },
    { desc: "same unreachable: unchanged", d: desired("unreachable"), e: existing("unreachable"), updates: 0 },
  ];
  for (const c of cases) it(c.desc, () => expect(planAutoChecks([c.d], [c.e]).update).toHaveLength(c.updates));
});

describe("check schemas: expectation", () => {
  const body = { name: "x", ...spec };
  it("defaults to reachable on create", () => expect(CheckCreateSchema.parse(body).expectation).toBe("reachable"));
  it("accepts unreachable and refuses anything else", () => {
    expect(CheckCreateSchema.parse({ ...body, expectation: "unreachable" }).expectation).toBe("unreachable");
    expect(CheckCreateSchema.safeParse({ ...body, expectation: "down" }).success).toBe(false);
  });
  it("can be changed alone", () => expect(CheckUpdateSchema.parse({ expectation: "unreachable" })).toEqual({ expectation: "unreachable" }));
});
