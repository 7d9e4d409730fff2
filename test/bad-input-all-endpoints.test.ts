// Bad input against every write endpoint found under app/api/v1 and app/api/auth, including ones
// added after test/bad-input.test.ts was written: the cases that need no knowledge of a schema.
// Missing credentials and CSRF tokens, invalid ids, and bodies no JSON endpoint accepts must all
// be refused with a 4xx JSON error and leave the database as it was. Ids are well-formed but
// unknown, so a case that slipped through could still change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES } from "@/lib/api";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { call, setupAdmin, type RequestOptions } from "./helpers/api";
import { DbSnapshots, discoverWriteEndpoints, type WriteEndpoint } from "./helpers/refusal";

const UNKNOWN_ID = "cmzzzzzzzzzzzzzzzzzzzzzzz";
const ENDPOINTS = discoverWriteEndpoints();

let t: TestDb;
let snapshots: DbSnapshots;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  snapshots = new DbSnapshots(t.file);
});
afterAll(async () => {
  snapshots.close();
  await t.cleanup();
});

async function send(ep: WriteEndpoint, o: RequestOptions, id = UNKNOWN_ID) {
  // Imported per test, so that one module failing to load fails only its own endpoint.
  const mod = (await import(ep.file)) as Record<string, unknown>;
  const handler = mod[ep.method] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const params = Object.fromEntries(ep.params.map((p) => [p, id]));
  const path = ep.urlPath.replace(/\[[^\]]+\]/g, () => encodeURIComponent(id));
  return call(handler, path, { method: ep.method, ...o }, params);
}

const BODIES: { desc: string; o: RequestOptions }[] = [
  { desc: "malformed JSON", o: { raw: '{"a":', contentType: "application/json" } },
  { desc: "empty body", o: { raw: "", contentType: "application/json" } },
  { desc: "text/plain", o: { raw: "{}", contentType: "text/plain" } },
  { desc: "no content type", o: { raw: "{}", rawAsBytes: true } },
  { desc: "JSON array", o: { body: [] } },
  { desc: "JSON null", o: { raw: "null", contentType: "application/json" } },
  { desc: "unknown field only", o: { body: { unexpected: true } } },
  { desc: `oversized (> ${MAX_JSON_BODY_BYTES} bytes)`, o: { body: { padding: "x".repeat(MAX_JSON_BODY_BYTES + 1) } } },
];

it("finds the write endpoints", () => {
  expect(ENDPOINTS.length).toBeGreaterThanOrEqual(16);
});

for (const ep of ENDPOINTS) {
  describe(ep.name, () => {
    const refused = (o: RequestOptions, statuses: number[], id?: string) =>
      snapshots.expectRefused(() => send(ep, o, id), statuses, { warmUp: true });

    // Refused before anything else happens, so safe to send to endpoints without ids.
    it("without credentials → 4xx", async () => {
      await refused({ body: {}, auth: null }, [400, 401, 403, 404, 409, 415, 422]);
    });
    it("session without CSRF token → 4xx", async () => {
      await refused({ body: {}, auth: { cookie: session.cookie } }, [400, 401, 403, 404, 422]);
    });
    if (ep.params.length > 0) {
      for (const id of ["not-an-id!", "../../etc/passwd", UNKNOWN_ID]) {
        it(`invalid id ${JSON.stringify(id)} → 4xx`, async () => {
          await refused({ body: {}, auth: session }, [400, 404, 409, 415, 422], id);
        });
      }
    }
    if (ep.readsBody && (ep.params.length > 0 || ep.method !== "DELETE")) {
      for (const b of BODIES) {
        it(`session: ${b.desc} → 4xx`, async () => {
          await refused({ ...b.o, auth: session }, [400, 404, 409, 413, 415, 422]);
        });
      }
    }
  });
}
