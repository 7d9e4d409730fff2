// The scope each handler of the ingress, tunnel, DNS and notification APIs declares, read from the
// route files on disk: what can move a secret or a private key is `admin`, applying and testing
// against the stored endpoint stays `write`, and the OpenAPI document says "admin scope" exactly
// where a handler needs it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";

const V1 = join(process.cwd(), "app", "api", "v1");
const DOMAINS = ["ingress", "tunnel", "dns", "notifications"];

/** `METHOD /path` → the scope its handler passes to route(), for every route file of the domains. */
function declaredScopes(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      if (d.isDirectory()) walk(full);
      if (d.name !== "route.ts") continue;
      const path = "/" + relative(V1, dir).split(sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
      const src = readFileSync(full, "utf8");
      const aliases = new Map([...src.matchAll(/const (\w+) = route(?:<[^>]*>)?\("(\w+)"/g)].map((m) => [m[1]!, m[2]!]));
      for (const m of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = (?:route(?:<[^>]*>)?\("(\w+)"|(\w+);)/g)) {
        const scope = m[2] ?? aliases.get(m[3]!);
        expect(scope, `${m[1]} ${path}: no scope found`).toBeDefined();
        out.set(`${m[1]} ${path}`, scope!);
      }
    }
  };
  for (const d of DOMAINS) walk(join(V1, d));
  return out;
}

/** The decisions of issue #13: who may move where secrets, keys and names go. */
const EXPECTED: Record<string, "read" | "write" | "admin"> = {
  "PATCH /ingress/settings": "admin",
  "POST /ingress/apply": "write",
  "PUT /ingress/routes/{id}/tls": "write",
  "PATCH /ingress/routes/{id}/tls": "write",
  "POST /tunnel": "admin",
  "PATCH /tunnel/{id}": "admin",
  "DELETE /tunnel/{id}": "admin",
  "POST /tunnel/{id}/apply": "write",
  "POST /dns/providers": "admin",
  "PATCH /dns/providers/{id}": "admin",
  "DELETE /dns/providers/{id}": "admin",
  "POST /dns/providers/{id}/test": "write",
  "POST /dns/zones": "admin",
  "PATCH /dns/zones/{id}": "admin",
  "DELETE /dns/zones/{id}": "admin",
  "POST /dns/apply": "write",
  "POST /notifications": "admin",
  "PATCH /notifications/{id}": "admin",
  "DELETE /notifications/{id}": "admin",
  "POST /notifications/{id}/test": "write",
};

describe("scopes of the endpoints that decide where secrets go", () => {
  const scopes = declaredScopes();

  it("each handler declares the scope decided for it", () => {
    expect(scopes.size).toBeGreaterThan(Object.keys(EXPECTED).length);
    for (const [op, scope] of Object.entries(EXPECTED)) expect(scopes.get(op), op).toBe(scope);
  });

  it("no other write in these domains is open to a write token unless listed above", () => {
    const unlisted = [...scopes].filter(([op, scope]) => !op.startsWith("GET ") && !(op in EXPECTED) && scope !== "admin");
    expect(unlisted).toEqual([]);
  });

  it("the OpenAPI document says 'admin scope' exactly where a handler needs admin", () => {
    const paths = (buildOpenApiDocument() as { paths: Record<string, Record<string, { summary?: string }>> }).paths;
    for (const [op, scope] of scopes) {
      const [method, path] = op.split(" ") as [string, string];
      const summary = paths[path]?.[method.toLowerCase()]?.summary;
      expect(summary, `${op} is not documented`).toBeDefined();
      expect(/\badmin scope\b/.test(summary!), `${op} (${scope}): ${summary}`).toBe(scope === "admin");
    }
  });
});
