import { describe, expect, it } from "vitest";
import { RowParseError } from "@/lib/db/rows";
import { routeFromRow, routePartRows } from "./record";

const row = {
  id: "r1",
  hostname: "app.home.example",
  serviceId: null,
  servicePort: null,
  upstreamUrl: "http://192.0.2.10:8080",
  exposure: "both",
  createdAt: new Date("2026-01-01T00:00:00.000Z"),
  updatedAt: new Date("2026-01-02T00:00:00.000Z"),
};

describe("routeFromRow", () => {
  it("reads a stored route into its record, relations left out", () => {
    const withRelation = { ...row, service: { name: "jellyfin" } };
    expect(routeFromRow(withRelation)).toEqual(row);
  });

  const damaged: { desc: string; change: Record<string, unknown>; column: string }[] = [
    { desc: "an exposure nobody can choose (a hand-edited database)", change: { exposure: "world" }, column: "exposure" },
    { desc: "an exposure in the wrong case", change: { exposure: "LAN" }, column: "exposure" },
    { desc: "a service port that is not a number", change: { servicePort: "80" }, column: "servicePort" },
  ];
  for (const c of damaged) {
    it(`refuses ${c.desc}, naming the table, the row and the column`, () => {
      let caught: unknown;
      try {
        routeFromRow({ ...row, ...c.change });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(RowParseError);
      expect(caught).toMatchObject({ table: "Route", rowId: "r1", column: c.column });
    });
  }
});

describe("routePartRows", () => {
  const part = { routeId: "r1", part: "proxy", status: "failed", message: "Caddy unreachable", attempts: 2, lastAttemptAt: null, nextAttemptAt: null, appliedAt: null, updatedAt: new Date(0) };

  it("reads a part's row with its name and status as the reconciler knows them", () => {
    expect(routePartRows.parse(part)).toMatchObject({ part: "proxy", status: "failed", attempts: 2 });
  });

  for (const [column, value] of [["part", "firewall"], ["status", "done"]] as const) {
    it(`refuses a part row whose ${column} the reconciler never writes (${value}), naming the route`, () => {
      expect(() => routePartRows.parse({ ...part, [column]: value })).toThrow(new RegExp(`RoutePart r1: column "${column}"`));
    });
  }
});
