import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonColumn, jsonOr, listColumn, rowParser, RowParseError } from "./rows";

const things = rowParser("Thing", {
  id: z.string(),
  tags: jsonColumn(z.array(z.string())),
  extra: jsonColumn(z.object({ n: z.number() })).nullable(),
  kind: z.enum(["a", "b"]),
  letters: listColumn(z.enum(["x", "y"]), { lenient: false }),
  when: z.date(),
});
const good = { id: "t1", tags: '["one","two"]', extra: null, kind: "a", letters: "x, y", when: new Date(0) };

function thrown(fn: () => unknown): RowParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RowParseError) return err;
    throw err;
  }
  throw new Error("expected a RowParseError");
}

describe("rowParser", () => {
  it("parses a good row into its record, JSON and list columns included, relations ignored", () => {
    const withRelations = { ...good, extra: '{"n":3}', _count: { x: 1 } };
    expect(things.parse(withRelations)).toEqual({
      id: "t1", tags: ["one", "two"], extra: { n: 3 }, kind: "a", letters: ["x", "y"], when: new Date(0),
    });
  });

  it("names the table, the row and the column of damaged JSON", () => {
    const e = thrown(() => things.parse({ ...good, tags: "[not json" }));
    expect(e).toMatchObject({ table: "Thing", rowId: "t1", column: "tags" });
    expect(e.message).toBe('Thing t1: column "tags" does not parse: not JSON');
  });

  it("refuses JSON of the wrong shape, naming where inside the column", () => {
    const e = thrown(() => things.parse({ ...good, tags: '["one",2]' }));
    expect(e).toMatchObject({ rowId: "t1", column: "tags" });
    expect(e.message).toContain("at 1");
  });

  it("refuses an unknown enum value", () => {
    expect(thrown(() => things.parse({ ...good, kind: "c" }))).toMatchObject({ column: "kind", rowId: "t1" });
  });

  it("strict lists refuse an unknown item; lenient lists drop it", () => {
    expect(thrown(() => things.parse({ ...good, letters: "x,z" })).message).toContain('unknown item "z"');
    const lenient = rowParser("L", { id: z.string(), v: listColumn(z.enum(["x"]), { lenient: true }) });
    expect(lenient.parse({ id: "l", v: "x,,bogus, x" }).v).toEqual(["x", "x"]);
  });

  it("parses only the selected columns, and says when the id was not selected", () => {
    expect(things.columns({ id: "t2", tags: "[]" })).toEqual({ id: "t2", tags: [] });
    expect(things.columns({ kind: "b" })).toEqual({ kind: "b" });
    expect(thrown(() => things.columns({ kind: "zz" })).message).toBe('Thing (id not selected): column "kind" does not parse: Invalid option: expected one of "a"|"b"');
  });

  it("safeParse answers null for a damaged row", () => {
    expect(things.safeParse({ ...good, extra: "{" })).toBeNull();
    expect(things.safeParse(good)?.kind).toBe("a");
  });

  it("identifies rows by another column when told", () => {
    const settings = rowParser("Setting", { key: z.string(), value: jsonColumn(z.number()) }, { idColumn: "key" });
    expect(thrown(() => settings.parse({ key: "a.b", value: '"x"' }))).toMatchObject({ rowId: "a.b", column: "value" });
  });
});

describe("jsonOr", () => {
  const List = z.array(z.string());
  it("reads a JSON column of the schema", () => {
    expect(jsonOr('["10.0.0.2","fd00::2"]', List, [])).toEqual(["10.0.0.2", "fd00::2"]);
  });
  it("answers the fallback for empty, damaged or mistyped text, never throwing", () => {
    expect(jsonOr(null, List, ["x"])).toEqual(["x"]);
    expect(jsonOr("", List, [])).toEqual([]);
    expect(jsonOr("{ not json", List, [])).toEqual([]);
    expect(jsonOr("[1,2]", List, ["fallback"])).toEqual(["fallback"]);
  });
});
