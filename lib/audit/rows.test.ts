import { describe, expect, it } from "vitest";
import { RowParseError } from "@/lib/db/rows";
import { auditEventRows, auditEventView } from "./rows";

const at = new Date("2026-03-01T12:00:00Z");
const row = {
  id: "ev1", at, actorType: "token", actorId: "tk1", actorName: "alice", action: "service.update", targetType: "service", targetId: "svc1",
  ip: "192.0.2.1", userAgent: "curl", details: '{"changed":["image"]}', count: 1, lastAt: null,
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

describe("auditEventRows", () => {
  it("parses a good row, and the view carries its details as an object and times as ISO", () => {
    expect(auditEventView(auditEventRows.parse(row))).toEqual({ ...row, at: at.toISOString(), details: { changed: ["image"] } });
    expect(auditEventRows.parse({ ...row, details: null }).details).toBeNull();
  });

  it("damaged details are an error naming the event and the column", () => {
    expect(rowError(() => auditEventRows.parse({ ...row, details: "{changed" }))).toMatchObject({ table: "AuditEvent", rowId: "ev1", column: "details" });
    // Details are an object: a bare value is as wrong as broken JSON.
    expect(rowError(() => auditEventRows.parse({ ...row, details: "[1,2]" }))).toMatchObject({ column: "details" });
  });

  it("an unknown actor type is an error", () => {
    expect(rowError(() => auditEventRows.parse({ ...row, actorType: "robot" }))).toMatchObject({ rowId: "ev1", column: "actorType" });
  });

  it("parses only selected columns for lists that show a few", () => {
    expect(auditEventRows.columns({ id: "ev1", at, action: "auth.login" })).toEqual({ id: "ev1", at, action: "auth.login" });
  });
});
