import { describe, expect, it } from "vitest";
import { loadYaml, MAX_ALIASES, MAX_COMPOSE_BYTES, MAX_NESTING } from "./yaml-source";

const TEXT = [
  "x-base: &base", //                 1
  "  restart: always", //             2
  "  environment:", //                3
  "    TZ: UTC", //                   4
  "services:", //                     5
  "  web:", //                        6
  "    <<: *base", //                 7
  "    image: nginx", //              8
  "    ports:", //                    9
  '      - "8080:80"', //            10
  '      - "80800:80"', //           11
  "  db:", //                        12
  "    image: postgres", //          13
].join("\n");

describe("loadYaml", () => {
  it("reads the document with merge keys resolved", () => {
    const r = loadYaml(TEXT);
    expect(r.ok && r.value).toEqual({
      "x-base": { restart: "always", environment: { TZ: "UTC" } },
      services: { web: { restart: "always", environment: { TZ: "UTC" }, image: "nginx", ports: ["8080:80", "80800:80"] }, db: { image: "postgres" } },
    });
  });

  it("locates values, keys, list items and collections", () => {
    const r = loadYaml(TEXT);
    if (!r.ok) throw new Error("parse failed");
    expect(r.locate(["services", "web", "ports", 1])).toEqual({ line: 11, column: 9 });
    expect(r.locate(["services", "web", "image"])).toEqual({ line: 8, column: 12 });
    expect(r.locate(["services", "web", "image"], "key")).toEqual({ line: 8, column: 5 });
    expect(r.locate(["services", "web"])).toEqual({ line: 6, column: 3 });
    expect(r.locate(["services", "db", "missing"])).toEqual({ line: 12, column: 3 });
  });

  it("locates a merged key where the anchor defines it", () => {
    const r = loadYaml(TEXT);
    if (!r.ok) throw new Error("parse failed");
    expect(r.locate(["services", "web", "restart"])).toEqual({ line: 2, column: 12 });
    expect(r.locate(["services", "web", "environment", "TZ"])).toEqual({ line: 4, column: 9 });
  });

  it("reports a syntax error with the line where the parser found it", () => {
    const r = loadYaml("services:\n  web:\n    image: nginx\n\tports: []\n");
    expect(r.ok ? null : r.errors[0]).toMatchObject({ line: 4, column: 1, message: "YAML syntax error: Tabs are not allowed as indentation" });
    const unclosed = loadYaml("services:\n  web:\n    image: [nginx\n  db: {}\n");
    expect(unclosed.ok ? null : unclosed.errors[0]).toMatchObject({ line: 4, message: expect.stringMatching(/end with a \]/) });
  });

  it("refuses a duplicate key, naming it", () => {
    const r = loadYaml("services:\n  web:\n    image: a\n    image: b\n");
    expect(r.ok ? null : r.errors).toEqual([{ path: ["services", "web", "image"], line: 4, column: 5, message: "the key services.web.image appears twice" }]);
  });

  it("refuses more than one document and Compose's merge tags", () => {
    const multi = loadYaml("services: {}\n---\nservices: {}\n");
    expect(multi.ok ? "" : multi.errors[0]!.message).toMatch(/one YAML document/);
    const tag = loadYaml("services:\n  web:\n    ports: !reset []\n");
    expect(tag.ok ? "" : tag.errors[0]!.message).toMatch(/unsupported YAML tag/);
  });

  it("refuses an alias bomb before expanding it", () => {
    // Nine aliases of nine aliases, eight levels deep: 9^8 ≈ 43 million strings if expanded.
    const levels = "abcdefgh".split("");
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...levels.slice(1).map((l, i) => `${l}: &${l} [${Array(9).fill(`*${levels[i]}`).join(",")}]`)].join("\n");
    const r = loadYaml(bomb);
    expect(r.ok ? "" : r.errors[0]!.message).toMatch(/alias bomb/);
  });

  it("refuses more aliases than a Compose file needs (the parser resolves each by a scan)", () => {
    const r = loadYaml(`x: &x "v"\ny: [${Array(MAX_ALIASES + 1).fill("*x").join(",")}]\n`);
    expect(r.ok ? "" : r.errors[0]!.message).toBe(`more than ${MAX_ALIASES} aliases`);
    expect(loadYaml(`x: &x "v"\ny: [${Array(MAX_ALIASES).fill("*x").join(",")}]\n`).ok).toBe(true);
  });

  it("accepts an anchor reused by many services", () => {
    const text = "x-common: &common\n  restart: always\n  logging: { driver: local, options: { a: '1', b: '2', c: '3' } }\nservices:\n"
      + Array.from({ length: 100 }, (_, i) => `  s${i}:\n    <<: *common\n    image: nginx\n`).join("");
    const r = loadYaml(text);
    expect(r.ok && Object.keys((r.value as { services: object }).services)).toHaveLength(100);
  });

  it("refuses an alias that refers to its own container", () => {
    for (const text of ["a: &a [*a]\n", "services: &s\n  web: *s\n", "x: &x { y: { z: *x } }\n"]) {
      const r = loadYaml(text);
      expect(r.ok ? "" : r.errors[0]!.message).toMatch(/refers to a map or list that contains it/);
    }
  });

  it("refuses a file over the size limit", () => {
    const r = loadYaml(`x: "${"a".repeat(MAX_COMPOSE_BYTES)}"`);
    expect(r.ok ? "" : r.errors[0]!.message).toMatch(/at most 256 KiB/);
  });

  it("refuses deep nesting, in flow and in block style", () => {
    const flow = loadYaml(`a: ${"[".repeat(5000)}${"]".repeat(5000)}`);
    expect(flow.ok ? "" : flow.errors[0]!.message).toMatch(/more than 32 levels/);
    const block = Array.from({ length: MAX_NESTING + 2 }, (_, i) => `${"  ".repeat(i)}k:`).join("\n") + " 1";
    const r = loadYaml(block);
    expect(r.ok ? "" : r.errors[0]!.message).toMatch(/more than 32 levels/);
  });
});
