import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";
import { allowedMethods, buildApiManifest, exportedMethods, judgeApiRequest, matchRoute, parseFolder, ROUTE_METHODS, type ApiRoute, type GateVerdict } from "./gate";

process.env.HOMEPORT_LOG_SILENT = "1";

const route = (path: string, methods: ApiRoute["methods"]): ApiRoute => ({
  path,
  segments: path.slice(1).split("/").map((f) => parseFolder(f)!),
  methods,
});

const MANIFEST: ApiRoute[] = [
  route("/api/health", ["GET"]),
  route("/api/v1/services", ["GET", "POST"]),
  route("/api/v1/services/[id]", ["GET", "PATCH", "DELETE"]),
  route("/api/v1/checks/incidents", ["GET"]),
  route("/api/v1/checks/[id]", ["GET", "PATCH", "DELETE"]),
  route("/api/v1/checks/[id]/results", ["GET"]),
  route("/api/v1/opts", ["GET", "OPTIONS"]),
];

function refusal(v: GateVerdict | null): { status: number; code?: string; allow?: string } {
  if (!v || v.pass) throw new Error(`expected a refusal, got ${JSON.stringify(v)}`);
  return { status: v.status, code: v.error?.code, allow: v.headers.allow };
}

describe("exportedMethods", () => {
  const cases: { desc: string; src: string; want: string[] }[] = [
    { desc: "const handlers", src: 'export const GET = route("read", fn);\nexport const PATCH = route("write", fn);', want: ["GET", "PATCH"] },
    { desc: "functions", src: "export async function POST(req) {}\nexport function DELETE() {}", want: ["POST", "DELETE"] },
    { desc: "export lists with renames", src: "const a = 1;\nexport { a as PUT, GET };", want: ["GET", "PUT"] },
    { desc: "not a method", src: 'export const dynamic = "force-dynamic";\nexport const GETTER = 1;\nconst POST = 2;', want: [] },
    { desc: "OPTIONS and HEAD", src: "export const OPTIONS = x;\nexport const HEAD = y;", want: ["HEAD", "OPTIONS"] },
  ];
  for (const c of cases) it(c.desc, () => expect(exportedMethods(c.src)).toEqual(c.want));
});

describe("matchRoute", () => {
  it("prefers a static segment over a parameter, as Next does", () => {
    expect(matchRoute(MANIFEST, ["api", "v1", "checks", "incidents"])?.path).toBe("/api/v1/checks/incidents");
    expect(matchRoute(MANIFEST, ["api", "v1", "checks", "abc"])?.path).toBe("/api/v1/checks/[id]");
    expect(matchRoute(MANIFEST, ["api", "v1", "checks", "abc", "results"])?.path).toBe("/api/v1/checks/[id]/results");
    expect(matchRoute(MANIFEST, ["api", "v1", "checks", "abc", "nope"])).toBeNull();
  });

  it("handles catch-all folders", () => {
    const m = [route("/api/files/[...rest]", ["GET"]), route("/api/opt/[[...rest]]", ["GET"])];
    expect(matchRoute(m, ["api", "files", "a", "b"])?.path).toBe("/api/files/[...rest]");
    expect(matchRoute(m, ["api", "files"])).toBeNull();
    expect(matchRoute(m, ["api", "opt"])?.path).toBe("/api/opt/[[...rest]]");
  });
});

describe("judgeApiRequest", () => {
  it("leaves everything outside /api to Next", () => {
    for (const target of ["/", "/services/%zz", "/apix", "/_next/static/x.js", "//api/health"]) {
      expect(judgeApiRequest(MANIFEST, "GET", target), target).toBeNull();
    }
  });

  it("passes known paths with their methods, HEAD wherever GET is", () => {
    for (const [method, target] of [["GET", "/api/health"], ["HEAD", "/api/health"], ["PATCH", "/api/v1/services/abc"], ["GET", "/api/v1/services?limit=5&q=a+b"], ["GET", "/api/v1/services/a%2Fb"], ["OPTIONS", "/api/v1/opts"], ["GET", "http://h:3000/api/health"]]) {
      expect(judgeApiRequest(MANIFEST, method!, target!), `${method} ${target}`).toMatchObject({ pass: true });
    }
  });

  it("ignores empty segments and a trailing slash when matching (Next redirects them)", () => {
    expect(judgeApiRequest(MANIFEST, "GET", "/api/health/")).toMatchObject({ pass: true });
    expect(judgeApiRequest(MANIFEST, "GET", "/api//v1/services")).toMatchObject({ pass: true });
  });

  const refusals: { target: string; method?: string; status: number; code: string }[] = [
    { target: "/api/v1/services/%zz", status: 400, code: "bad_request" },
    { target: "/api/v1/services/%", status: 400, code: "bad_request" },
    { target: "/api/v1/services/%E2%82", status: 400, code: "bad_request" },
    { target: "/api/v1/services/%C0%80", status: 400, code: "bad_request" },
    { target: "/api/nope/%zz", status: 400, code: "bad_request" },
    { target: "/api/v1/services?limit=%zz", status: 400, code: "bad_request" },
    { target: "/api/v1/services?%ff=1", status: 400, code: "bad_request" },
    { target: "/api/v1/services/..", status: 400, code: "bad_request" },
    { target: "/api/v1/./services", status: 400, code: "bad_request" },
    { target: "/api/v1/services/%2e%2E", status: 400, code: "bad_request" },
    { target: "/api", status: 404, code: "not_found" },
    { target: "/api/", status: 404, code: "not_found" },
    { target: "/api/nope", status: 404, code: "not_found" },
    { target: "/api/v1/%73ervices", status: 404, code: "not_found" },
    { target: "/api/v1/services/abc/extra", status: 404, code: "not_found" },
    { target: "/api/agent", status: 426, code: "upgrade_required" },
    { target: "/api/agent", method: "POST", status: 426, code: "upgrade_required" },
  ];
  for (const c of refusals) {
    it(`${c.method ?? "GET"} ${c.target} → ${c.status} ${c.code}`, () => {
      expect(refusal(judgeApiRequest(MANIFEST, c.method ?? "GET", c.target))).toMatchObject({ status: c.status, code: c.code });
    });
  }

  it("answers a wrong method with 405 and the route's Allow", () => {
    expect(refusal(judgeApiRequest(MANIFEST, "PUT", "/api/v1/services/abc"))).toEqual({ status: 405, code: "method_not_allowed", allow: "GET, HEAD, PATCH, DELETE, OPTIONS" });
    expect(refusal(judgeApiRequest(MANIFEST, "DELETE", "/api/v1/checks/incidents"))).toEqual({ status: 405, code: "method_not_allowed", allow: "GET, HEAD, OPTIONS" });
    expect(refusal(judgeApiRequest(MANIFEST, "HEAD", "/api/v1/services/abc/../x"))).toMatchObject({ status: 400 });
  });

  it("answers OPTIONS itself with 204 and Allow unless the route exports OPTIONS", () => {
    expect(refusal(judgeApiRequest(MANIFEST, "OPTIONS", "/api/v1/services"))).toEqual({ status: 204, code: undefined, allow: "GET, HEAD, POST, OPTIONS" });
    expect(judgeApiRequest(MANIFEST, "OPTIONS", "/api/v1/opts")).toMatchObject({ pass: true });
  });

  it("lists HEAD and OPTIONS in Allow", () => {
    expect(allowedMethods(route("/api/x", ["POST"]))).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods(route("/api/x", ["GET"]))).toEqual(["GET", "HEAD", "OPTIONS"]);
  });
});

describe("the manifest built from app/api", () => {
  const manifest = buildApiManifest();
  const byPath = new Map(manifest.map((r) => [r.path, r]));

  it("matches the OpenAPI document: every /api/v1 operation, and nothing else", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).filter((k) => k !== "parameters").map((m) => `${m.toUpperCase()} /api/v1${p.replace(/\{([^}]+)\}/g, "[$1]")}`));
    const served = manifest
      .filter((r) => r.path.startsWith("/api/v1/") && r.path !== "/api/v1/openapi.json")
      .flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    expect(served.sort()).toEqual(documented.sort());
  });

  it("holds the routes outside the OpenAPI document with their methods", () => {
    expect(byPath.get("/api/health")?.methods).toEqual(["GET"]);
    expect(byPath.get("/api/v1/openapi.json")?.methods).toEqual(["GET"]);
    expect(byPath.get("/api/auth/login")?.methods).toEqual(["POST"]);
    expect(byPath.get("/api/auth/me")?.methods).toContain("GET");
    expect(manifest.filter((r) => r.path.startsWith("/api/auth/")).length).toBeGreaterThanOrEqual(8);
  });

  it("answers real paths as the route files say", () => {
    expect(judgeApiRequest(manifest, "GET", "/api/v1/services/%zz")).toMatchObject({ pass: false, status: 400 });
    expect(judgeApiRequest(manifest, "DELETE", "/api/v1/checks/incidents")).toMatchObject({ pass: false, status: 405 });
    expect(judgeApiRequest(manifest, "GET", "/api/v1/checks/incidents")).toMatchObject({ pass: true, route: { path: "/api/v1/checks/incidents" } });
    expect(judgeApiRequest(manifest, "POST", "/api/v1/hosts/h1/containers/c1/adopt")).toMatchObject({ pass: true });
  });

  it("reads the same methods the route modules outside the OpenAPI document export", async () => {
    const outside = manifest.filter((r) => !r.path.startsWith("/api/v1/") || r.path === "/api/v1/openapi.json");
    expect(outside.length).toBeGreaterThanOrEqual(10);
    for (const r of outside) {
      const mod = (await import(`@/app${r.path}/route`)) as Record<string, unknown>;
      expect(r.methods, r.path).toEqual(ROUTE_METHODS.filter((m) => typeof mod[m] === "function"));
    }
  });

  it("refuses to start without route files", () => {
    expect(() => buildApiManifest("/nonexistent-homeport-app")).toThrow(/Cannot read the API's route files/);
  });
});
