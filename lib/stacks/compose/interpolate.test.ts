import { describe, expect, it } from "vitest";
import { interpolate, interpolateTree, variablesIn } from "./interpolate";

const env = { SET: "value", EMPTY: "", NUM: "5432", OTHER: "other" };
const value = (s: string) => {
  const r = interpolate(s, env);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const error = (s: string) => {
  const r = interpolate(s, env);
  return r.ok ? null : r.message;
};

describe("interpolate (the Compose specification's cases)", () => {
  it("substitutes $VAR and ${VAR}", () => {
    expect(value("$SET")).toBe("value");
    expect(value("${SET}")).toBe("value");
    expect(value("db:${NUM}/x")).toBe("db:5432/x");
    expect(value("$SET-suffix")).toBe("value-suffix");
    expect(value("pre${SET}post")).toBe("prevaluepost");
  });

  it("turns $$ into a literal $ and does not read what follows", () => {
    expect(value("$$SET")).toBe("$SET");
    expect(value("cost: $$5")).toBe("cost: $5");
    expect(value("$${SET}")).toBe("${SET}");
  });

  it(":- and - differ on an empty variable", () => {
    expect(value("${EMPTY:-fallback}")).toBe("fallback");
    expect(value("${EMPTY-fallback}")).toBe("");
    expect(value("${UNSET:-fallback}")).toBe("fallback");
    expect(value("${UNSET-fallback}")).toBe("fallback");
    expect(value("${SET:-fallback}")).toBe("value");
  });

  it(":+ and + give the alternative only when set", () => {
    expect(value("${SET:+alt}")).toBe("alt");
    expect(value("${EMPTY:+alt}")).toBe("");
    expect(value("${EMPTY+alt}")).toBe("alt");
    expect(value("${UNSET+alt}")).toBe("");
  });

  it(":? and ? refuse a missing variable with its message", () => {
    expect(error("${UNSET:?set it}")).toBe("required variable UNSET is missing a value: set it");
    expect(error("${EMPTY:?must not be empty}")).toBe("required variable EMPTY is missing a value: must not be empty");
    expect(error("${EMPTY?x}")).toBeNull();
    expect(value("${EMPTY?x}")).toBe("");
    expect(error("${UNSET?}")).toBe("required variable UNSET is missing a value");
    expect(value("${SET:?x}")).toBe("value");
  });

  it("nests defaults, evaluating only the branch taken", () => {
    expect(value("${UNSET:-${OTHER}}")).toBe("other");
    expect(value("${UNSET:-${ALSO_UNSET:-deep}}")).toBe("deep");
    expect(value("${SET:-${UNSET:?not evaluated}}")).toBe("value");
    expect(value("${UNSET:-a}b}")).toBe("ab}");
    expect(value("${UNSET:-x:$$y}")).toBe("x:$y");
  });

  it("lists unset variables that default to an empty string", () => {
    const r = interpolate("${A}-$B-${SET}", env);
    expect(r).toEqual({ ok: true, value: "--value", unset: ["A", "B"] });
  });

  it("refuses invalid formats, as Compose does", () => {
    for (const s of ["$", "echo $1", "${}", "${SET", "${SET:x}", "${1A}", "${SET:-unclosed", "a $ b"]) {
      expect(error(s), s).toMatch(/invalid interpolation format/);
    }
  });

  it("refuses nesting beyond the limit instead of recursing without end", () => {
    const deep = "${A:-".repeat(40) + "x" + "}".repeat(40);
    expect(error(deep)).toMatch(/nested more than/);
  });

  it("never reads the process environment", () => {
    process.env.HOMEPORT_TEST_SECRET = "leak";
    expect(value("${HOMEPORT_TEST_SECRET:-none}")).toBe("none");
    delete process.env.HOMEPORT_TEST_SECRET;
  });
});

describe("interpolateTree", () => {
  it("interpolates values, never keys, and skips extension fields", () => {
    const errors: string[] = [];
    const out = interpolateTree({ "x-tpl": { a: "${UNSET:?x}" }, services: { web: { image: "img:${NUM}", "x-note": "$", environment: { "${SET}": "$SET" } } } }, env, {
      error: (p, m) => errors.push(`${p.join(".")}: ${m}`),
      unset: () => undefined,
    });
    expect(errors).toEqual([]);
    expect(out).toEqual({ "x-tpl": { a: "${UNSET:?x}" }, services: { web: { image: "img:5432", "x-note": "$", environment: { "${SET}": "value" } } } });
  });

  it("reports errors at the value's path", () => {
    const errors: string[] = [];
    interpolateTree({ services: { db: { environment: ["PW=${DB_PASSWORD:?set it}"] } } }, {}, { error: (p, m) => errors.push(`${p.join(".")}: ${m}`), unset: () => undefined });
    expect(errors).toEqual(["services.db.environment.0: required variable DB_PASSWORD is missing a value: set it"]);
  });

  it("keeps a key named __proto__ a plain key", () => {
    const input = JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown;
    const out = interpolateTree(input, {}, { error: () => undefined, unset: () => undefined }) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("variablesIn", () => {
  it("finds every name, in every branch", () => {
    expect(variablesIn("${A:-${B}} $C ${D:?x} ${E:+$F} $$G")?.sort()).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(variablesIn("echo $1")).toBeNull();
  });
});
