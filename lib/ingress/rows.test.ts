import { describe, expect, it } from "vitest";
import { RowParseError } from "@/lib/db/rows";
import { ingressSettingsRows, proxyEntryRows } from "./rows";

const at = new Date("2026-03-01T12:00:00Z");

const settingsRow = {
  id: "default",
  adminUrl: "http://127.0.0.1:2019",
  serverName: "homeport",
  listen: '[":443","192.168.1.10:8443"]',
  httpPort: 80,
  httpsPort: 443,
  proxyAddress: null,
  status: "unknown",
  statusDetail: null,
  checkedAt: null,
  lastAppliedAt: at,
  adminAuthSealed: null,
  updatedAt: at,
};

const entryRow = {
  routeId: "route1",
  tlsMode: "internal",
  certificatePem: null,
  keySealed: null,
  status: "upstream_down",
  statusDetail: "Caddy could not reach the upstream (HTTP 502)",
  checkedAt: at,
  appliedAt: at,
  updatedAt: at,
};

function rowError(fn: () => unknown): RowParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RowParseError) return err;
    throw err;
  }
  throw new Error("the row parsed");
}

describe("ingressSettingsRows", () => {
  it("parses a good row: the listen addresses and a status Homeport writes", () => {
    expect(ingressSettingsRows.parse(settingsRow)).toMatchObject({ listen: [":443", "192.168.1.10:8443"], status: "unknown" });
    for (const status of ["ok", "unreachable", "rejected", "conflict"]) expect(ingressSettingsRows.parse({ ...settingsRow, status }).status).toBe(status);
  });

  it("damaged listen addresses are an error naming the row and the column", () => {
    expect(rowError(() => ingressSettingsRows.parse({ ...settingsRow, listen: ":443" }))).toMatchObject({ table: "IngressSettings", rowId: "default", column: "listen" });
    expect(rowError(() => ingressSettingsRows.parse({ ...settingsRow, listen: "[443]" }))).toMatchObject({ column: "listen" });
  });

  it("an unknown status is an error", () => {
    expect(rowError(() => ingressSettingsRows.parse({ ...settingsRow, status: "fine" }))).toMatchObject({ column: "status" });
  });
});

describe("proxyEntryRows", () => {
  it("parses a good row, identified by its route", () => {
    expect(proxyEntryRows.parse(entryRow)).toMatchObject({ routeId: "route1", tlsMode: "internal", status: "upstream_down" });
    // A failed apply stores Caddy's status on the entry, including a conflict.
    expect(proxyEntryRows.parse({ ...entryRow, status: "conflict" }).status).toBe("conflict");
  });

  it("an unknown TLS mode or status is an error naming the route", () => {
    expect(rowError(() => proxyEntryRows.parse({ ...entryRow, tlsMode: "acme" }))).toMatchObject({ table: "ProxyEntry", rowId: "route1", column: "tlsMode" });
    expect(rowError(() => proxyEntryRows.parse({ ...entryRow, status: "sideways" }))).toMatchObject({ rowId: "route1", column: "status" });
  });

  it("a wrongly typed column is an error", () => {
    expect(rowError(() => proxyEntryRows.parse({ ...entryRow, checkedAt: "2026-03-01" }))).toMatchObject({ column: "checkedAt" });
  });
});
