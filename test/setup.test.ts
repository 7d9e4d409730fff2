// First run on an empty database: the migrator creates the schema, and only someone holding the
// setup code from the data directory can create the admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { POST as setupPOST } from "@/app/api/auth/setup/route";
import { GET as meGET } from "@/app/api/auth/me/route";
import { ensureSetupCode, needsSetup, SETUP_CODE_FILE } from "@/lib/auth";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { ADMIN, TEST_IP, call, errorOf, sessionAuth, sessionTokenFrom } from "./helpers/api";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });

describe("migrations from empty", () => {
  it("created every table, recorded the migrations and left the file in WAL mode", async () => {
    const db = new Database(t.file, { readonly: true });
    try {
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(["User", "Session", "ApiToken", "LoginThrottle", "AuditEvent", "Host", "Service", "Route", "_prisma_migrations"]));
      const applied = db.prepare(`SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`).get() as { n: number };
      expect(applied.n).toBeGreaterThan(0);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
    // The Prisma client sees the same, empty schema.
    expect(await t.db.user.count()).toBe(0);
    expect(await needsSetup(t.db)).toBe(true);
  });
});

describe("first-run setup", () => {
  it("refuses a wrong setup code, audits it and creates no account", async () => {
    ensureSetupCode();
    const r = await call(setupPOST, "/api/auth/setup", { body: { setupCode: "AAAA-BBBB-CCCC", ...ADMIN } });
    expect(r.status).toBe(403);
    expect(errorOf(r).message).toMatch(/setup code is wrong/);
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.auditEvent.findMany()).toMatchObject([{ action: "auth.setup.denied", actorType: "anonymous", ip: TEST_IP }]);
  });

  it("creates the admin with the code (in any case, without dashes), signs them in and removes the code file", async () => {
    const file = join(t.dir, SETUP_CODE_FILE);
    const code = ensureSetupCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(readFileSync(file, "utf8").trim()).toBe(code);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const r = await call(setupPOST, "/api/auth/setup", { body: { setupCode: code.replace(/-/g, "").toLowerCase(), ...ADMIN } });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({ username: ADMIN.username });
    expect(existsSync(file)).toBe(false);

    const token = sessionTokenFrom(r);
    const me = await call(meGET, "/api/auth/me", { auth: await sessionAuth(t.db, token!) });
    expect(me.body).toMatchObject({ username: ADMIN.username, role: "admin", activeSessions: 1 });
    const user = await t.db.user.findUniqueOrThrow({ where: { username: ADMIN.username } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(ADMIN.password);
    expect(await t.db.auditEvent.count({ where: { action: "auth.setup", actorId: user.id, ip: TEST_IP } })).toBe(1);
  });

  it("is closed once an account exists", async () => {
    const r = await call(setupPOST, "/api/auth/setup", { body: { setupCode: ensureSetupCode(), username: "second", password: "another password" } });
    expect(r.status).toBe(409);
    expect(await t.db.user.count()).toBe(1);
  });
});
