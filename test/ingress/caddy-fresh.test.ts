// A Caddy with no http app at all: Homeport creates the app with explicit ports and its own
// server on the configured listen address, and the first route works over HTTPS.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { applyIngress, createCaddyAdmin, getRootCertificate, updateIngressSettings } from "@/lib/ingress";
import { eventually, freePort, getThroughCaddy, startCaddy, startUpstream, type CaddyProcess } from "./caddy-harness";

const actor = { type: "system" as const, name: "ingress-test" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };

let t: TestDb;
let caddy: CaddyProcess;
let up: Awaited<ReturnType<typeof startUpstream>>;

beforeAll(async () => {
  t = await createTestDb();
  caddy = await startCaddy(() => ({}));
  up = await startUpstream("fresh");
}, 60_000);

afterAll(async () => {
  await up?.close();
  await caddy?.stop();
  await t?.cleanup();
});

it("creates apps.http with explicit ports and a server on the given address, then serves the route", async () => {
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  await updateIngressSettings(t.db, { adminUrl: caddy.adminUrl, serverName: "homeport", listen: [`127.0.0.1:${httpsPort}`], httpPort, httpsPort, proxyAddress: "127.0.0.1" }, actor, meta);
  await t.db.route.create({ data: { hostname: "fresh.home.arpa", upstreamUrl: `http://127.0.0.1:${up.port}` } });
  const result = await applyIngress(t.db, actor, meta);
  expect(result.failed).toBeNull();
  expect(result.applied.map((c) => c.kind)).toEqual(["server", "tls-policy", "route"]);
  const config = (await createCaddyAdmin(caddy.adminUrl).getConfig()) as { admin: { listen: string }; apps: { http: Record<string, unknown> } };
  expect(config.admin.listen).toBe(new URL(caddy.adminUrl).host);
  expect(config.apps.http).toMatchObject({ http_port: httpPort, https_port: httpsPort, servers: { homeport: { "@id": "homeport-server", listen: [`127.0.0.1:${httpsPort}`] } } });
  const ca = await eventually(() => getRootCertificate(t.db));
  const res = await eventually(() => getThroughCaddy(httpsPort, "fresh.home.arpa", ca), (r) => r.status === 200);
  expect(res.body).toMatch(/^fresh fresh\.home\.arpa/);
}, 60_000);
