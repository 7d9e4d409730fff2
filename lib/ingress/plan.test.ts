import { describe, expect, it } from "vitest";
import { buildCaddyRoute, buildInternalTlsPolicy, jsonEqual } from "./caddy-config";
import { planIngressChanges } from "./plan";
import type { DesiredIngress, ProxyEntrySpec } from "./types";

const server = { name: "homeport", listen: [":8443"], httpPort: 8080, httpsPort: 8443 };
const app: ProxyEntrySpec = { routeId: "r1", hostname: "app.home.example", upstream: { dial: "192.0.2.5:8080", tls: false }, tls: { mode: "internal" } };
const wiki: ProxyEntrySpec = { routeId: "r2", hostname: "wiki.home.example", upstream: { dial: "192.0.2.6:443", tls: true }, tls: { mode: "internal" } };
const userRoute = { "@id": "user-route", match: [{ host: ["user.home.example"] }], handle: [{ handler: "static_response", body: "mine" }] };

const desired = (...entries: ProxyEntrySpec[]): DesiredIngress => ({ server, entries });
const withServer = (routes: unknown[], extra: Record<string, unknown> = {}) => ({
  admin: { listen: "127.0.0.1:2999" },
  apps: { http: { servers: { homeport: { listen: [":8443"], routes } } }, ...extra },
});
const policies = (p: unknown[]) => ({ tls: { automation: { policies: p } } });

const cases: {
  desc: string;
  desired: DesiredIngress;
  config: unknown;
  expect: { changes: string[]; ops: string[]; unchanged?: string[] };
}[] = [
  {
    desc: "empty Caddy: creates the http app with explicit ports, the TLS policy and the route",
    desired: desired(app),
    config: null,
    expect: {
      changes: ["create server homeport", "create tls-policy homeport-tls-internal", "create route homeport-route-r1"],
      ops: ["POST /config/", "POST /config/apps/tls", "POST /config/apps/http/servers/homeport/routes"],
    },
  },
  {
    desc: "two user-supplied certificates: the first creates the list, the second is appended to it",
    desired: desired(
      { ...app, tls: { mode: "certificate", certificatePem: "C1", keyPem: "K1" } },
      { ...wiki, tls: { mode: "certificate", certificatePem: "C2", keyPem: "K2" } },
    ),
    config: withServer([userRoute]),
    expect: {
      changes: ["create certificate homeport-cert-r1", "create certificate homeport-cert-r2", "create route homeport-route-r1", "create route homeport-route-r2"],
      ops: ["POST /config/apps/tls", "POST /config/apps/tls/certificates/load_pem", "PUT /config/apps/http/servers/homeport/routes/0", "PUT /config/apps/http/servers/homeport/routes/0"],
    },
  },
  {
    desc: "user config without http app: adds apps.http next to the user's other apps",
    desired: desired(app),
    config: { admin: { listen: "127.0.0.1:2999" }, apps: { pki: {} } },
    expect: {
      changes: ["create server homeport", "create tls-policy homeport-tls-internal", "create route homeport-route-r1"],
      ops: ["POST /config/apps/http", "POST /config/apps/tls", "POST /config/apps/http/servers/homeport/routes"],
    },
  },
  {
    desc: "existing server with a user route: inserts Homeport's routes in front, never replaces the user's",
    desired: desired(app, wiki),
    config: withServer([userRoute], policies([{ issuers: [{ module: "acme" }] }])),
    expect: {
      changes: ["create tls-policy homeport-tls-internal", "create route homeport-route-r1", "create route homeport-route-r2"],
      ops: ["PUT /config/apps/tls/automation/policies/0", "PUT /config/apps/http/servers/homeport/routes/0", "PUT /config/apps/http/servers/homeport/routes/0"],
    },
  },
  {
    desc: "existing server without routes: the first route creates the array, the next is inserted",
    desired: desired(app, wiki),
    config: { apps: { http: { servers: { homeport: { listen: [":8443"] } } } } },
    expect: {
      changes: ["create tls-policy homeport-tls-internal", "create route homeport-route-r1", "create route homeport-route-r2"],
      ops: ["POST /config/apps/tls", "POST /config/apps/http/servers/homeport/routes", "PUT /config/apps/http/servers/homeport/routes/0"],
    },
  },
  {
    desc: "everything in place: nothing to do",
    desired: desired(app),
    config: withServer([buildCaddyRoute(app), userRoute], policies([buildInternalTlsPolicy([app.hostname])])),
    expect: { changes: [], ops: [], unchanged: ["homeport-tls-internal", "homeport-route-r1"] },
  },
  {
    desc: "upstream changed: replaces the route in place through its @id",
    desired: desired({ ...app, upstream: { dial: "192.0.2.5:9090", tls: false } }),
    config: withServer([buildCaddyRoute(app), userRoute], policies([buildInternalTlsPolicy([app.hostname])])),
    expect: { changes: ["update route homeport-route-r1"], ops: ["PATCH /id/homeport-route-r1"], unchanged: ["homeport-tls-internal"] },
  },
  {
    desc: "route no longer wanted: deleted by @id, the user route and policy stay",
    desired: desired(),
    config: withServer([buildCaddyRoute(app), userRoute], policies([{ issuers: [{ module: "acme" }] }, buildInternalTlsPolicy([app.hostname])])),
    expect: {
      changes: ["delete route homeport-route-r1", "delete tls-policy homeport-tls-internal"],
      ops: ["DELETE /id/homeport-route-r1", "DELETE /id/homeport-tls-internal"],
    },
  },
  {
    desc: "a hostname added: the shared TLS policy is patched with the new subject list",
    desired: desired(app, wiki),
    config: withServer([buildCaddyRoute(app)], policies([buildInternalTlsPolicy([app.hostname])])),
    expect: {
      changes: ["update tls-policy homeport-tls-internal", "create route homeport-route-r2"],
      ops: ["PATCH /id/homeport-tls-internal", "PUT /config/apps/http/servers/homeport/routes/0"],
      unchanged: ["homeport-route-r1"],
    },
  },
  {
    desc: "server name changed in settings: the route moves (delete, then insert into the new server)",
    desired: { server: { ...server, name: "srv0" }, entries: [app] },
    config: {
      apps: {
        http: { servers: { homeport: { routes: [buildCaddyRoute(app)] }, srv0: { listen: [":443"], routes: [userRoute] } } },
        ...policies([buildInternalTlsPolicy([app.hostname])]),
      },
    },
    expect: { changes: ["update route homeport-route-r1"], ops: ["DELETE /id/homeport-route-r1", "PUT /config/apps/http/servers/srv0/routes/0"], unchanged: ["homeport-tls-internal"] },
  },
  {
    desc: "user-supplied certificate: loaded under apps.tls.certificates, no internal policy needed",
    desired: desired({ ...app, tls: { mode: "certificate", certificatePem: "CERT", keyPem: "KEY" } }),
    config: withServer([]),
    expect: {
      changes: ["create certificate homeport-cert-r1", "create route homeport-route-r1"],
      ops: ["POST /config/apps/tls", "POST /config/apps/http/servers/homeport/routes"],
    },
  },
  {
    desc: "a Route whose upstream cannot be worked out keeps its current entry instead of losing it",
    desired: { server, entries: [], keepRouteIds: ["r1"] },
    config: withServer([buildCaddyRoute(app)], policies([buildInternalTlsPolicy([app.hostname])])),
    expect: { changes: [], ops: [], unchanged: ["homeport-tls-internal"] },
  },
  {
    desc: "objects with other @ids are never planned for deletion",
    desired: desired(),
    config: withServer([userRoute, { "@id": "homeportish", handle: [] }], { tls: { certificates: { load_pem: [{ "@id": "user-cert" }] } } }),
    expect: { changes: [], ops: [] },
  },
];

describe("planIngressChanges", () => {
  for (const c of cases) {
    it(c.desc, () => {
      const plan = planIngressChanges(c.desired, c.config);
      expect(plan.changes.map((x) => `${x.action} ${x.kind} ${x.id}`)).toEqual(c.expect.changes);
      expect(plan.changes.flatMap((x) => x.ops.map((o) => `${o.method} ${o.path}`))).toEqual(c.expect.ops);
      if (c.expect.unchanged) expect(plan.unchanged).toEqual(c.expect.unchanged);
    });
  }

  it("builds nested containers only for what is missing", () => {
    const plan = planIngressChanges(desired(app), { apps: { http: { servers: { homeport: { routes: [] } } } } });
    const tls = plan.changes.find((c) => c.kind === "tls-policy");
    expect(tls?.ops[0]?.body).toEqual({ automation: { policies: [buildInternalTlsPolicy([app.hostname])] } });
  });

  it("creates the http app with explicit ports so nothing lands on :80/:443 by surprise", () => {
    const plan = planIngressChanges(desired(app), {});
    expect(plan.changes[0]?.ops[0]?.path).toBe("/config/apps");
    const body = (plan.changes[0]?.ops[0]?.body as { http: unknown }).http;
    expect(body).toMatchObject({ http_port: 8080, https_port: 8443, servers: { homeport: { listen: [":8443"], routes: [] } } });
  });

  it("a route proxies with the fingerprint header and stops further routes", () => {
    const r = buildCaddyRoute(wiki);
    expect(r).toEqual({
      "@id": "homeport-route-r2",
      match: [{ host: ["wiki.home.example"] }],
      handle: [
        { handler: "headers", response: { set: { "X-Homeport-Route": ["r2"] } } },
        { handler: "reverse_proxy", upstreams: [{ dial: "192.0.2.6:443" }], transport: { protocol: "http", tls: {} } },
      ],
      terminal: true,
    });
  });

  it("compares JSON regardless of key order, as Caddy re-sorts keys", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
});
