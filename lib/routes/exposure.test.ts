import { describe, expect, it } from "vitest";
import { EXPOSURES, ExposureSchema, isLan, isRemote, type Exposure } from "./exposure";

describe("exposure", () => {
  const cases: { exposure: Exposure; lan: boolean; remote: boolean }[] = [
    { exposure: "lan", lan: true, remote: false },
    { exposure: "remote", lan: false, remote: true },
    { exposure: "both", lan: true, remote: true },
  ];
  for (const c of cases) {
    it(`${c.exposure}: at home ${c.lan ? "yes" : "no"}, from away ${c.remote ? "yes" : "no"}`, () => {
      expect(isLan(c.exposure)).toBe(c.lan);
      expect(isRemote(c.exposure)).toBe(c.remote);
    });
  }

  it("every exposure is covered by the table above, and nothing else parses", () => {
    expect([...EXPOSURES].sort()).toEqual(cases.map((c) => c.exposure).sort());
    for (const bad of ["world", "LAN", "", "remote ", null]) expect(ExposureSchema.safeParse(bad).success).toBe(false);
  });
});
