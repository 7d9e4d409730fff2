// /api/health and the OpenAPI document of /api/v1, checked against the route files on disk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { GET as healthGET } from "@/app/api/health/route";
import { GET as openapiGET } from "@/app/api/v1/openapi.json/route";
import { createPrismaClient, setDbForTesting } from "@/lib/db";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { call } from "./helpers/api";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });

const V1_DIR = join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route.ts under app/api/v1 as an OpenAPI path (`[id]` → `{id}`). */
function routeFiles(dir = V1_DIR): { file: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    if (d.name !== "route.ts") return [];
    const rel = relative(V1_DIR, dir).split(sep).filter(Boolean);
    return [{ file: full, path: `/${rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}` }];
  });
}

type Json = Record<string, unknown>;
type Operation = { requestBody?: { content?: Record<string, { schema?: Json }> }; responses?: Json; parameters?: Json[] };

/** Inventory and token writes refuse unknown fields (schemas are .strict()). */
const STRICT_BODIES = ["post /services", "patch /services/{id}", "post /routes", "patch /routes/{id}", "post /tokens"];
/** POST endpoints that act on an object and read no body. */
const BODYLESS_ACTIONS = [
  "post /checks/{id}/push-url",
  "post /dns/providers/{id}/test",
  "post /drill",
  "post /gamedays/{id}/abort",
  "post /hosts/{id}/containers/{containerId}/remove",
  "post /ingress/apply",
  "post /notifications/{id}/test",
  "post /routes/{id}/apply",
  "post /routes/{id}/checks/run",
  "post /services/{id}/egress-proof",
  "post /services/{id}/update",
  "post /stacks/{id}/update",
  "post /tunnel/{id}/apply",
  "post /updates/check",
];

describe("/api/health", () => {
  it("reports the database as ok", async () => {
    const r = await call(healthGET, "/api/health");
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const h = r.body as { status: string; version: string; uptimeSeconds: number; database: { status: string; latencyMs: number } };
    expect(h).toMatchObject({ status: "ok", database: { status: "ok" } });
    expect(h.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(typeof h.version).toBe("string");
  });
});

describe("/api/v1/openapi.json", () => {
  let doc: Json & { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };
  beforeAll(async () => {
    const r = await call(openapiGET, "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    doc = r.body as typeof doc;
  });

  it("is an OpenAPI 3.1 document with bearer security", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(doc.components).toMatchObject({ securitySchemes: { bearer: { type: "http", scheme: "bearer" } } });
    expect(Object.keys(doc.paths).every((p) => p.startsWith("/"))).toBe(true);
  });

  it("lists every /api/v1 route file and each method it exports", async () => {
    const files = routeFiles().filter((f) => f.path !== "/openapi.json");
    expect(files.length).toBeGreaterThanOrEqual(8);
    const missing: string[] = [];
    for (const f of files) {
      const item = doc.paths[f.path];
      const mod = (await import(f.file)) as Record<string, unknown>;
      for (const m of METHODS) {
        if (typeof mod[m] === "function" && !item?.[m.toLowerCase()]) missing.push(`${m} ${f.path} (${relative(process.cwd(), f.file)})`);
      }
      if (item && f.path.includes("{")) {
        const params = (item.parameters ?? []) as unknown as Json[];
        for (const name of [...f.path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1])) {
          if (!params.some((p) => p.name === name && p.in === "path" && p.required === true)) missing.push(`path parameter ${name} of ${f.path}`);
        }
      }
    }
    expect(missing, "operations missing from lib/api/openapi.ts").toEqual([]);
    // And documents nothing that does not exist.
    const known = new Set(files.map((f) => f.path));
    expect(Object.keys(doc.paths).filter((p) => !known.has(p))).toEqual([]);
  });

  it("gives every POST and PATCH that reads a body a JSON request schema (strict for the inventory), and every operation responses", () => {
    const bodies: string[] = [];
    const actions: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === "parameters") continue;
        expect(op.responses, `${method} ${path}`).toBeDefined();
        expect(Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s)), `${method} ${path} has no success response`).toBe(true);
        if (method !== "post" && method !== "patch") continue;
        if (!op.requestBody) {
          actions.push(`${method} ${path}`);
          continue;
        }
        const schema = op.requestBody.content?.["application/json"]?.schema as { type?: string; properties?: Json; additionalProperties?: unknown } | undefined;
        expect(schema, `${method} ${path} has no request schema`).toBeDefined();
        expect(schema?.type).toBe("object");
        expect(Object.keys(schema?.properties ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        if (STRICT_BODIES.includes(`${method} ${path}`)) {
          expect(schema?.additionalProperties, `${method} ${path} should refuse unknown fields`).toBe(false);
        }
        bodies.push(`${method} ${path}`);
      }
    }
    // Actions that take no body are listed here on purpose: a new one must be looked at.
    expect(actions.sort()).toEqual(BODYLESS_ACTIONS);
    expect(bodies).toEqual(expect.arrayContaining(STRICT_BODIES));
    const service = doc.paths["/services"]!.post!.requestBody!.content!["application/json"]!.schema as { required?: string[]; properties: Record<string, Json> };
    expect(service.required).toEqual(expect.arrayContaining(["name", "image"]));
    expect(service.properties.hostId).toMatchObject({ description: expect.any(String) });
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of new Set(refs)) {
      const target = r.slice('"$ref":"'.length, -1);
      expect(target.startsWith("#/components/schemas/"), target).toBe(true);
      expect(doc.components.schemas, target).toHaveProperty([target.split("/").pop()!]);
    }
  });
});

describe("/api/health when the database fails", () => {
  it("answers 503 degraded without leaking details beyond the error message", async () => {
    await setDbForTesting(createPrismaClient(`file:${join(t.dir, "missing-dir", "sub", "x.db")}`));
    const r = await call(healthGET, "/api/health");
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: "degraded", database: { status: "error" } });
    expect(r.text).not.toMatch(/\n\s+at /);
  });
});
