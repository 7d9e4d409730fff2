import { describe, expect, it } from "vitest";
import { RowParseError } from "@/lib/db/rows";
import { apiTokenRows, sessionRows, userRows } from "./rows";

const at = new Date("2026-03-01T12:00:00Z");

const userRow = {
  id: "u1", username: "alice", passwordHash: "$scrypt$x", role: "admin", totpSecret: null, totpEnabled: false,
  lastCheckInAt: null, totpLastStep: null, createdAt: at, updatedAt: at,
};
const tokenRow = {
  id: "tk1", userId: "u1", name: "ci", prefix: "hp_abcdefg", tokenHash: "f".repeat(64), scopes: "read,write", expiresAt: null, lastUsedAt: at, createdAt: at,
};
const sessionRow = {
  id: "s1", userId: "u1", tokenHash: "a".repeat(64), previousTokenHash: null, previousValidUntil: null, csrfToken: "c",
  createdAt: at, rotatedAt: at, lastSeenAt: at, expiresAt: at, ip: "192.0.2.1", userAgent: null,
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

describe("userRows", () => {
  it("parses a good row", () => {
    expect(userRows.parse(userRow)).toMatchObject({ username: "alice", role: "admin", totpEnabled: false });
  });

  it("an unknown role is an error naming the user, never a role with fewer or more rights guessed", () => {
    expect(rowError(() => userRows.parse({ ...userRow, role: "root" }))).toMatchObject({ table: "User", rowId: "u1", column: "role" });
    expect(rowError(() => userRows.columns({ id: "u1", role: "" }))).toMatchObject({ column: "role" });
  });
});

describe("apiTokenRows", () => {
  it("parses a good row into its scopes", () => {
    expect(apiTokenRows.parse(tokenRow).scopes).toEqual(["read", "write"]);
  });

  it("a scope this version does not know is dropped, so a damaged column grants less, never more", () => {
    expect(apiTokenRows.parse({ ...tokenRow, scopes: "read,superuser, ADMIN" }).scopes).toEqual(["read"]);
    expect(apiTokenRows.parse({ ...tokenRow, scopes: "" }).scopes).toEqual([]);
  });

  it("a wrongly typed column is an error naming the token", () => {
    expect(rowError(() => apiTokenRows.parse({ ...tokenRow, expiresAt: "never" }))).toMatchObject({ table: "ApiToken", rowId: "tk1", column: "expiresAt" });
  });
});

describe("sessionRows", () => {
  it("parses a good row", () => {
    expect(sessionRows.parse(sessionRow)).toMatchObject({ id: "s1", userId: "u1", ip: "192.0.2.1" });
  });

  it("an empty required column is an error naming the session", () => {
    expect(rowError(() => sessionRows.parse({ ...sessionRow, csrfToken: null }))).toMatchObject({ table: "Session", rowId: "s1", column: "csrfToken" });
  });
});
