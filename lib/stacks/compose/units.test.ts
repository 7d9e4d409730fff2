import { describe, expect, it } from "vitest";
import { parseBool, parseBytes, parseDuration, parseInteger } from "./units";

describe("parseBytes", () => {
  it("reads Docker's size spellings in binary units", () => {
    expect(parseBytes("512m")).toBe(512 * 1024 ** 2);
    expect(parseBytes("1g")).toBe(1024 ** 3);
    expect(parseBytes("1.5gb")).toBe(1.5 * 1024 ** 3);
    expect(parseBytes("2048k")).toBe(2048 * 1024);
    expect(parseBytes("1GiB")).toBe(1024 ** 3);
    expect(parseBytes("64 MB")).toBe(64 * 1024 ** 2);
    expect(parseBytes("100")).toBe(100);
    expect(parseBytes(1073741824)).toBe(1073741824);
    expect(parseBytes("10b")).toBe(10);
  });

  it("refuses what is not a size", () => {
    for (const v of ["", "abc", "1x", "-5m", "1.2.3g", "5ib", "1e3", 1.5, -1, Number.MAX_VALUE, "99999999999999p", null, true]) {
      expect(parseBytes(v), String(v)).toBeNull();
    }
  });
});

describe("parseDuration", () => {
  it("reads Go durations in seconds", () => {
    expect(parseDuration("1m30s")).toBe(90);
    expect(parseDuration("10s")).toBe(10);
    expect(parseDuration("1.5h")).toBe(5400);
    expect(parseDuration("300ms")).toBeCloseTo(0.3);
    expect(parseDuration("2h45m")).toBe(9900);
    expect(parseDuration("0")).toBe(0);
    expect(parseDuration("1us")).toBeCloseTo(1e-6);
  });

  it("refuses unitless numbers and other text", () => {
    for (const v of ["10", "", "1d", "s", "1m 30s", "-5s", 10, null]) expect(parseDuration(v), String(v)).toBeNull();
  });
});

describe("parseBool and parseInteger", () => {
  it("read what interpolation leaves as strings", () => {
    expect(parseBool("true")).toBe(true);
    expect(parseBool("No")).toBe(false);
    expect(parseBool(false)).toBe(false);
    expect(parseBool("maybe")).toBeNull();
    expect(parseInteger("42")).toBe(42);
    expect(parseInteger(" 7 ")).toBe(7);
    expect(parseInteger("4.5")).toBeNull();
    expect(parseInteger("1e400")).toBeNull();
  });
});
