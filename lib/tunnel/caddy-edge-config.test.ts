// The edge's Caddy JSON, table-driven: rules → routes → rules round-trips (so a synced edge plans
// no change), validation, and the admin calls planned for each starting config, which never
// name the user's own objects.
import { describe, expect, it } from "vitest";
import {
  buildEdgeRoute, EDGE_CATCH_ALL, EDGE_CATCH_ALL_ID, edgeRouteId, edgeRulesOf, planEdgeOps, readObservedEdge, ruleOfEdgeRoute, validateEdgeIngress,
} from "./caddy-edge-config";
import { buildTunnelRule, planTunnelIngress } from "./plan";
import type { IngressRule } from "./types";

const ORIGIN = "https://198.51.100.1:443";
// 64 base64 characters a line, as PEM writers (and Caddy's round trip) lay it out.
const PEM = `-----BEGIN CERTIFICATE-----\n${"QUJD".repeat(16)}\n${"QUJD".repeat(4)}\n-----END CERTIFICATE-----\n`;
const USER_ROUTE = { "@id": "user-site", match: [{ host: ["blog.example.org"] }], handle: [{ handler: "static_response", body: "blog" }] };

describe("edge routes", () => {
  const cases: { desc: string; rule: IngressRule & { hostname: string }; proxy: Record<string, unknown> }[] = [
    {
      desc: "HTTPS origin as Homeport plans it: Host and SNI = hostname, origin certificate not verified",
      rule: buildTunnelRule("app.example.org", ORIGIN, "remote") as IngressRule & { hostname: string },
      proxy: { handler: "reverse_proxy", upstreams: [{ dial: "198.51.100.1:443" }], headers: { request: { set: { Host: ["app.example.org"] } } }, transport: { protocol: "http", tls: { server_name: "app.example.org", insecure_skip_verify: true } } },
    },
    {
      desc: "HTTP origin without a port",
      rule: { hostname: "plain.example.org", service: "http://198.51.100.2", originRequest: { httpHostHeader: "plain.example.org" } },
      proxy: { handler: "reverse_proxy", upstreams: [{ dial: "198.51.100.2:80" }], headers: { request: { set: { Host: ["plain.example.org"] } } } },
    },
    {
      desc: "CA pool as PEM is sent inline as DER",
      rule: { hostname: "ca.example.org", service: ORIGIN, originRequest: { originServerName: "ca.example.org", caPool: PEM } },
      proxy: { handler: "reverse_proxy", upstreams: [{ dial: "198.51.100.1:443" }], transport: { protocol: "http", tls: { server_name: "ca.example.org", root_ca_pool: ["QUJD".repeat(20)] } } },
    },
    {
      desc: "CA pool as a path on the edge host",
      rule: { hostname: "file.example.org", service: ORIGIN, originRequest: { caPool: "/etc/caddy/lan-root.crt" } },
      proxy: { handler: "reverse_proxy", upstreams: [{ dial: "198.51.100.1:443" }], transport: { protocol: "http", tls: { root_ca_pem_files: ["/etc/caddy/lan-root.crt"] } } },
    },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const route = buildEdgeRoute(c.rule);
      expect(route).toEqual({ "@id": edgeRouteId(c.rule.hostname), match: [{ host: [c.rule.hostname] }], handle: [c.proxy], terminal: true });
      const back = ruleOfEdgeRoute(route)!;
      expect(back.hostname).toBe(c.rule.hostname);
      expect(back.originRequest ?? {}).toEqual(c.rule.originRequest ?? {});
      // Read back, the rule plans no change against the one it was built from.
      const plan = planTunnelIngress([{ routeId: "r", rule: c.rule }], [back, EDGE_CATCH_ALL], c.rule.service, EDGE_CATCH_ALL, { ownsEveryRule: true });
      expect(plan).toMatchObject({ changes: [], needsWrite: false });
    });
  }

  it("the user's routes are not read as Homeport's", () => {
    expect(ruleOfEdgeRoute(USER_ROUTE)).toBeNull();
    const observed = readObservedEdge({ apps: { http: { servers: { "homeport-edge": { routes: [USER_ROUTE, buildEdgeRoute({ hostname: "b.example.org", service: ORIGIN }), buildEdgeRoute({ hostname: "a.example.org", service: ORIGIN })] } } } } });
    expect(edgeRulesOf(observed).map((r) => r.hostname)).toEqual(["a.example.org", "b.example.org"]);
  });
});

describe("validateEdgeIngress", () => {
  const rule = (over: Partial<IngressRule>): IngressRule => ({ hostname: "app.example.org", service: ORIGIN, ...over });
  const cases: { desc: string; rules: IngressRule[]; error: RegExp | null }[] = [
    { desc: "catch-all alone", rules: [EDGE_CATCH_ALL], error: null },
    { desc: "a rule and the catch-all", rules: [rule({}), EDGE_CATCH_ALL], error: null },
    { desc: "no catch-all", rules: [rule({})], error: /last rule must be the catch-all/ },
    { desc: "bad hostname", rules: [rule({ hostname: "bad_host" }), EDGE_CATCH_ALL], error: /not a valid hostname/ },
    { desc: "duplicate hostname", rules: [rule({}), rule({}), EDGE_CATCH_ALL], error: /appears twice/ },
    { desc: "service not http(s)", rules: [rule({ service: "ssh://198.51.100.1:22" }), EDGE_CATCH_ALL], error: /http:\/\/ or https:\/\/ origin/ },
    { desc: "service with a path", rules: [rule({ service: "https://198.51.100.1/app" }), EDGE_CATCH_ALL], error: /origin/ },
    { desc: "path rules", rules: [rule({ path: "^/api" }), EDGE_CATCH_ALL], error: /path rules/ },
    { desc: "unsupported origin setting", rules: [rule({ originRequest: { connectTimeout: 30 } }), EDGE_CATCH_ALL], error: /connectTimeout/ },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const errors = validateEdgeIngress(c.rules);
      if (c.error) expect(errors.join("; ")).toMatch(c.error);
      else expect(errors).toEqual([]);
    });
  }
});

describe("planEdgeOps", () => {
  const a = { hostname: "a.example.org", service: ORIGIN };
  const b = { hostname: "b.example.org", service: ORIGIN };
  const server = (routes: unknown[]) => ({ apps: { http: { https_port: 8443, servers: { srv0: { listen: [":9000"], routes: [USER_ROUTE] }, "homeport-edge": { listen: [":8443"], routes } } } } });
  const catchAll = { "@id": EDGE_CATCH_ALL_ID, handle: [{ handler: "static_response", status_code: 404, body: "No route for this host on the edge" }] };

  it("an edge with no config gets the http app on 80/443 with Homeport's server", () => {
    const ops = planEdgeOps([b, a, EDGE_CATCH_ALL], readObservedEdge(null));
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ method: "POST", path: "/config/" });
    const http = (ops[0]!.body as { apps: { http: { http_port: number; https_port: number; servers: Record<string, { listen: string[]; routes: { "@id": string }[] }> } } }).apps.http;
    expect([http.http_port, http.https_port]).toEqual([80, 443]);
    expect(http.servers["homeport-edge"]!.listen).toEqual([":443"]);
    expect(http.servers["homeport-edge"]!.routes.map((r) => r["@id"])).toEqual([edgeRouteId("a.example.org"), edgeRouteId("b.example.org"), EDGE_CATCH_ALL_ID]);
  });

  it("an edge with the user's own server gets a new server on its https_port, the user's untouched", () => {
    const config = { apps: { http: { https_port: 8443, servers: { srv0: { listen: [":9000"], routes: [USER_ROUTE] } } } } };
    expect(planEdgeOps([a, EDGE_CATCH_ALL], readObservedEdge(config))).toEqual([
      { method: "PUT", path: "/config/apps/http/servers/homeport-edge", body: { "@id": "homeport-edge-server", listen: [":8443"], routes: [buildEdgeRoute(a), catchAll] } },
    ]);
  });

  it("in Homeport's server: stale routes deleted, changed ones patched, new ones inserted first; the user's route never named", () => {
    const staleA = buildEdgeRoute({ ...a, service: "https://198.51.100.9:443" });
    const gone = buildEdgeRoute({ hostname: "gone.example.org", service: ORIGIN });
    const ops = planEdgeOps([a, b, EDGE_CATCH_ALL], readObservedEdge(server([USER_ROUTE, gone, staleA, catchAll])));
    expect(ops).toEqual([
      { method: "DELETE", path: `/id/${encodeURIComponent(edgeRouteId("gone.example.org"))}` },
      { method: "PUT", path: "/config/apps/http/servers/homeport-edge/routes/0", body: buildEdgeRoute(b) },
      { method: "PATCH", path: `/id/${encodeURIComponent(edgeRouteId("a.example.org"))}`, body: buildEdgeRoute(a) },
    ]);
    expect(JSON.stringify(ops)).not.toContain("user-site");
  });

  it("in sync: no calls; a missing catch-all is appended", () => {
    expect(planEdgeOps([a, EDGE_CATCH_ALL], readObservedEdge(server([buildEdgeRoute(a), catchAll])))).toEqual([]);
    expect(planEdgeOps([a, EDGE_CATCH_ALL], readObservedEdge(server([buildEdgeRoute(a)])))).toEqual([{ method: "POST", path: "/config/apps/http/servers/homeport-edge/routes", body: catchAll }]);
  });
});
