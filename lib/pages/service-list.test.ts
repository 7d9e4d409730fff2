import { describe, expect, it } from "vitest";
import { isoOf, likeContains, pickContainer, serviceFilterSql } from "./service-list";

describe("services list query helpers", () => {
  it("prefers the container named like the service, then the latest observed", () => {
    const old = { named: true, observedMs: 1, id: "named-old" };
    const newer = { named: false, observedMs: 9, id: "other-new" };
    const named = { named: true, observedMs: 5, id: "named-new" };
    expect([old, newer, named].reduce<typeof old | undefined>(pickContainer, undefined)?.id).toBe("named-new");
    expect([newer, old].reduce<typeof old | undefined>(pickContainer, undefined)?.id).toBe("named-old");
    expect([{ named: false, observedMs: 2, id: "a" }, { named: false, observedMs: 3, id: "b" }].reduce<typeof old | undefined>(pickContainer, undefined)?.id).toBe("b");
  });

  it("takes LIKE's wildcards in a search literally", () => {
    expect(likeContains("a%b_c\\d")).toBe("%a\\%b\\_c\\\\d%");
  });

  it("builds the filter with parameters, never the values in the SQL", () => {
    const f = serviceFilterSql({ q: "x' OR 1=1 --", hostId: "h1", tag: "media", group: "Core" });
    expect(f.sql).toBe("WHERE (s.name LIKE ? ESCAPE '\\' OR s.image LIKE ? ESCAPE '\\') AND s.hostId = ? AND s.tags LIKE ? ESCAPE '\\' AND s.groupName = ?");
    expect(f.params).toEqual(["%x' OR 1=1 --%", "%x' OR 1=1 --%", "h1", '%"media"%', "Core"]);
    expect(serviceFilterSql({})).toEqual({ sql: "", params: [] });
  });

  it("reads a raw DateTime as stored text or epoch milliseconds", () => {
    expect(isoOf("2026-12-06T08:01:49.477+00:00")).toBe("2026-12-06T08:01:49.477Z");
    expect(isoOf(1_767_225_600_000n)).toBe("2026-01-01T00:00:00.000Z");
    expect(isoOf(null)).toBeNull();
    expect(isoOf("not a date")).toBeNull();
  });
});
