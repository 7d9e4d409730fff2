// The stacks API through the real route handlers on a real SQLite file: a Compose file's problems
// come back as 422 with key and line, nothing is saved from a refused file, the .env is sealed at
// rest and only admins read it back, garbage gets clear 4xx answers, and a stack's services are
// owned by the stack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as stacksGET, POST as stacksPOST } from "@/app/api/v1/stacks/route";
import { DELETE as stackDELETE, GET as stackGET, PATCH as stackPATCH } from "@/app/api/v1/stacks/[id]/route";
import { POST as validatePOST } from "@/app/api/v1/stacks/validate/route";
import { GET as planGET } from "@/app/api/v1/stacks/[id]/plan/route";
import { GET as envGET } from "@/app/api/v1/stacks/[id]/env/route";
import { GET as exportGET } from "@/app/api/v1/stacks/[id]/export/route";
import { GET as versionGET } from "@/app/api/v1/stacks/[id]/versions/[version]/route";
import { POST as applyPOST } from "@/app/api/v1/stacks/[id]/apply/route";
import type { StackPlanView, StackValidation, StackView } from "@/lib/stacks";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, issueToken, makeRequest, setupAdmin, type Auth } from "../helpers/api";

let t: TestDb;
let admin: Auth;
let writer: Auth;
let reader: Auth;
let hostId: string;

const COMPOSE = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD:?set DB_PASSWORD in the .env}
    volumes: [pgdata:/var/lib/postgresql/data]
  app:
    image: ghcr.io/example/app:1.2
    ports: ["127.0.0.1:8080:80"]
    depends_on:
      db: { condition: service_healthy }
volumes:
  pgdata: {}
`;
const SECRET = "s3cr3t-never-in-plain-text";
const ENV = `DB_PASSWORD=${SECRET}\n`;

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  writer = { bearer: (await issueToken(admin, ["write"])).token };
  reader = { bearer: (await issueToken(admin, ["read"])).token };
  hostId = (await t.db.host.create({ data: { name: "nas" } })).id;
});
afterAll(async () => { await t.cleanup(); });

describe("creating a stack", () => {
  it("refuses a broken file with 422 naming the key and the line, and saves nothing", async () => {
    const broken = COMPOSE.replace("ports:", "prots:");
    const r = await call(stacksPOST, "/api/v1/stacks", { body: { name: "paperless", hostId, compose: broken, env: ENV }, auth: writer });
    expect(r.status, r.text).toBe(422);
    const e = errorOf(r);
    expect(e.issues?.[0]).toMatchObject({ path: expect.stringMatching(/^compose:9:services\.app/) });
    expect(e.message).toMatch(/prots/);
    expect(await t.db.stack.count()).toBe(0);
  });

  it("refuses a file whose required variable the .env does not set, naming it", async () => {
    const r = await call(stacksPOST, "/api/v1/stacks", { body: { name: "paperless", hostId, compose: COMPOSE }, auth: writer });
    expect(r.status).toBe(422);
    expect(errorOf(r).message).toMatch(/set DB_PASSWORD in the \.env/);
  });

  it("creates it with the .env sealed at rest; the view names the variables, never their values", async () => {
    const r = await call(stacksPOST, "/api/v1/stacks", { body: { name: "paperless", hostId, compose: COMPOSE, env: ENV }, auth: writer });
    expect(r.status, r.text).toBe(201);
    const s = r.body as StackView;
    expect(s).toMatchObject({ name: "paperless", hostName: "nas", envVariables: ["DB_PASSWORD"], appliedVersion: null, pendingChanges: true, services: [] });
    expect(r.text).not.toContain(SECRET);
    const row = await t.db.stack.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.envSealed).not.toContain(SECRET);
    // Reading it back: admins only.
    expect((await call(envGET, `/api/v1/stacks/${s.id}/env`, { auth: writer }, { id: s.id })).status).toBe(403);
    const env = await call(envGET, `/api/v1/stacks/${s.id}/env`, { auth: admin }, { id: s.id });
    expect(env.status).toBe(200);
    expect(env.body).toEqual({ env: ENV });
    // A duplicate name is a conflict.
    const dup = await call(stacksPOST, "/api/v1/stacks", { body: { name: "paperless", hostId, compose: COMPOSE, env: ENV }, auth: writer });
    expect(dup.status).toBe(409);
  });

  it("plans two creations in dependency order and exports the file", async () => {
    const [s] = ((await call(stacksGET, "/api/v1/stacks", { auth: reader })).body as { items: StackView[] }).items;
    const plan = await call(planGET, `/api/v1/stacks/${s!.id}/plan`, { auth: reader }, { id: s!.id });
    expect(plan.status).toBe(200);
    expect((plan.body as StackPlanView).steps.map((x) => [x.key, x.action, x.level])).toEqual([["db", "create", 0], ["app", "create", 1]]);
    const file = await exportGET(makeRequest(`/api/v1/stacks/${s!.id}/export`, { auth: reader }), { params: Promise.resolve({ id: s!.id }) });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="paperless-docker-compose.yml"');
    expect(await file.text()).toBe(COMPOSE);
    // A read token cannot change anything.
    expect((await call(stackPATCH, `/api/v1/stacks/${s!.id}`, { method: "PATCH", body: { env: "" }, auth: reader }, { id: s!.id })).status).toBe(403);
  });
});

describe("validating without saving", () => {
  it("lists the services, their ports and dependencies, and which variables are set", async () => {
    const r = await call(validatePOST, "/api/v1/stacks/validate", { body: { compose: COMPOSE, env: "" }, auth: writer });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: false, errors: [expect.objectContaining({ message: expect.stringMatching(/DB_PASSWORD/) })] });
    // The variables are listed even then: the unset one is the problem.
    expect((r.body as StackValidation).variables).toEqual([{ name: "DB_PASSWORD", set: false }]);
    const good = (await call(validatePOST, "/api/v1/stacks/validate", { body: { compose: COMPOSE, env: ENV }, auth: writer })).body as StackValidation;
    expect(good.ok).toBe(true);
    expect(good.services).toEqual([
      { key: "db", name: "stack-db", image: "postgres:16", dependsOn: [], ports: [] },
      { key: "app", name: "stack-app", image: "ghcr.io/example/app:1.2", dependsOn: ["db"], ports: ["127.0.0.1:8080→80/tcp"] },
    ]);
    expect(good.variables).toEqual([{ name: "DB_PASSWORD", set: true }]);
  });
});

describe("garbage", () => {
  it("answers clear 4xx JSON for bad ids, versions, queries, bodies and oversize files", async () => {
    const [s] = ((await call(stacksGET, "/api/v1/stacks", { auth: reader })).body as { items: StackView[] }).items;
    const id = s!.id;
    const cases = [
      [await call(stackGET, "/api/v1/stacks/%zz", { auth: reader }, { id: "%zz" }), 404],
      [await call(stackGET, "/api/v1/stacks/nosuchstack1", { auth: reader }, { id: "nosuchstack1" }), 404],
      [await call(versionGET, `/api/v1/stacks/${id}/versions/abc`, { auth: reader }, { id, version: "abc" }), 404],
      [await call(versionGET, `/api/v1/stacks/${id}/versions/7`, { auth: reader }, { id, version: "7" }), 404],
      [await call(planGET, `/api/v1/stacks/${id}/plan?version=-1`, { auth: reader }, { id }), 400],
      [await call(stackDELETE, `/api/v1/stacks/${id}?volumes=maybe`, { method: "DELETE", auth: writer }, { id }), 400],
      [await call(stackPATCH, `/api/v1/stacks/${id}`, { method: "PATCH", body: {}, auth: writer }, { id }), 422],
      [await call(stackPATCH, `/api/v1/stacks/${id}`, { method: "PATCH", body: { compose: "x".repeat(300 * 1024) }, auth: writer }, { id }), 422],
      [await call(stacksPOST, "/api/v1/stacks", { body: { name: "Bad Name!", hostId, compose: COMPOSE }, auth: writer }), 422],
      [await call(stacksPOST, "/api/v1/stacks", { body: { name: "nohost", hostId: "nosuchhost1", compose: COMPOSE, env: ENV }, auth: writer }), 422],
      [await call(stacksPOST, "/api/v1/stacks", { body: { name: "yaml", hostId, compose: "services: [\n  - : :" }, auth: writer }), 422],
      [await call(applyPOST, `/api/v1/stacks/${id}/apply`, { body: { version: 0 }, auth: writer }, { id }), 422],
    ] as const;
    for (const [r, status] of cases) {
      expect(r.status, r.text).toBe(status);
      expect(errorOf(r).message.length).toBeGreaterThan(0);
    }
    // Applying with the host offline says so (503), and starts nothing.
    const off = await call(applyPOST, `/api/v1/stacks/${id}/apply`, { body: {}, auth: writer }, { id });
    expect(off.status, off.text).toBe(503);
    expect(await t.db.stackRollout.count()).toBe(0);
    expect(await t.db.stackVersion.count()).toBe(0);
  });
});
