import { describe, expect, it } from "vitest";
import { parseEnvFile } from "./env-file";

const ok = (text: string) => {
  const r = parseEnvFile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.env;
};

describe("parseEnvFile", () => {
  it("reads KEY=VALUE lines, export prefixes, comments and blank lines", () => {
    expect(ok("# a comment\n\nA=1\nexport B=two\n  C = spaced  \nD=\n")).toEqual({ A: "1", B: "two", C: "spaced", D: "" });
  });

  it("cuts an inline comment after an unquoted value but not a # inside one", () => {
    expect(ok("A=value # note\nB=pass#word\n")).toEqual({ A: "value", B: "pass#word" });
  });

  it("keeps single-quoted values literally", () => {
    expect(ok("A='$HOME \\n # not a comment'\n")).toEqual({ A: "$HOME \\n # not a comment" });
  });

  it("expands escapes in double quotes and allows values over several lines", () => {
    expect(ok('A="line1\\nline2\\t\\"q\\" \\\\ \\$literal"\nB="first\nsecond"\nC=after\n')).toEqual({
      A: 'line1\nline2\t"q" \\ $literal',
      B: "first\nsecond",
      C: "after",
    });
  });

  it("interpolates earlier variables in unquoted and double-quoted values", () => {
    expect(ok("HOST=db\nURL=postgres://${HOST}:5432\nQ=\"${HOST:-x}/$HOST\"\nL='${HOST}'\n")).toEqual({
      HOST: "db",
      URL: "postgres://db:5432",
      Q: "db/db",
      L: "${HOST}",
    });
  });

  it("lets a later line override an earlier one", () => {
    expect(ok("A=1\nA=2\n")).toEqual({ A: "2" });
  });

  it("handles CRLF line endings and a byte-order mark", () => {
    expect(ok("\uFEFFA=1\r\nB=2\r\n")).toEqual({ A: "1", B: "2" });
  });

  it("names the line of each error", () => {
    const r = parseEnvFile("A=1\nnot a pair\n1BAD=x\nC=\"open\nD=2\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'expected KEY=VALUE, found "not a pair"'],
      [3, '"1BAD" is not a variable name (letters, digits and _; not starting with a digit)'],
      [4, "the value of C opens a double quote that is never closed"],
    ]);
  });

  it("refuses text after a closing quote and bad interpolation, with the line", () => {
    const r = parseEnvFile("A='x' y\nB=${MISSING:?needed}\n");
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.path, e.message])).toEqual([
      [1, "A", "unexpected text after the closing quote of A"],
      [2, "B", "B: required variable MISSING is missing a value: needed"],
    ]);
  });

  it("does not let a key named __proto__ change the result's prototype", () => {
    const env = ok("__proto__=x\n");
    expect(Object.keys(env)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
  });
});
