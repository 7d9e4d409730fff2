// A user-supplied certificate through a real Caddy: Homeport loads it under
// apps.tls.certificates.load_pem with its own @id, Caddy serves it for the Route's hostname
// (instead of one from its internal CA), and removing the Route removes the certificate.
import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect } from "node:tls";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, makeTempDir, type TestDb } from "@/test/helpers/test-db";
import { applyIngress, createCaddyAdmin, setProxyEntryTls, updateIngressSettings } from "@/lib/ingress";
import { eventually, getThroughCaddy, startCaddy, startUpstream, type CaddyProcess } from "./caddy-harness";

const run = promisify(execFile);
const OPENSSL_TIMEOUT_MS = 30_000;
const HOST = "cert.home.arpa";
const actor = { type: "system" as const, name: "ingress-test" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };

let t: TestDb;
let caddy: CaddyProcess;
let up: Awaited<ReturnType<typeof startUpstream>>;
let tmp: ReturnType<typeof makeTempDir>;
let certPem = "";
let keyPem = "";

/** The SHA-256 fingerprint of the certificate Caddy presents for `servername`. */
function servedFingerprint(port: number, servername: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port, servername, rejectUnauthorized: false, timeout: 5_000 }, () => {
      resolve(s.getPeerX509Certificate()?.fingerprint256 ?? "");
      s.end();
    });
    s.on("error", reject);
  });
}

beforeAll(async () => {
  tmp = makeTempDir("homeport-cert-");
  const [key, crt] = [join(tmp.dir, "key.pem"), join(tmp.dir, "cert.pem")];
  await run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", crt, "-days", "2", "-subj", `/CN=${HOST}`, "-addext", `subjectAltName=DNS:${HOST}`], { timeout: OPENSSL_TIMEOUT_MS });
  [certPem, keyPem] = [readFileSync(crt, "utf8"), readFileSync(key, "utf8")];
  t = await createTestDb();
  caddy = await startCaddy(({ http, https }) => ({ apps: { http: { http_port: http, https_port: https, servers: { srv0: { listen: [`127.0.0.1:${https}`] } } } } }));
  up = await startUpstream("cert-upstream");
  await updateIngressSettings(t.db, { adminUrl: caddy.adminUrl, serverName: "srv0", httpPort: caddy.httpPort, httpsPort: caddy.httpsPort, proxyAddress: "127.0.0.1" }, actor, meta);
}, 60_000);

afterAll(async () => {
  await up?.close();
  await caddy?.stop();
  await t?.cleanup();
  tmp?.cleanup();
});

it("serves the user's certificate for the hostname, and removes it with the Route", async () => {
  const route = await t.db.route.create({ data: { hostname: HOST, upstreamUrl: `http://127.0.0.1:${up.port}` } });
  await setProxyEntryTls(t.db, route.id, { mode: "certificate", certificatePem: certPem, keyPem }, actor, meta);
  const result = await applyIngress(t.db, actor, meta);
  expect(result.failed).toBeNull();
  expect(result.applied.map((c) => c.kind)).toEqual(["certificate", "route"]);
  // Trusting only the user's certificate proves Caddy presents it, not one from its own CA.
  const res = await eventually(() => getThroughCaddy(caddy.httpsPort, HOST, certPem), (r) => r.status === 200);
  expect(res.body).toMatch(/^cert-upstream/);
  expect(await servedFingerprint(caddy.httpsPort, HOST)).toBe(new X509Certificate(certPem).fingerprint256);

  await t.db.route.delete({ where: { id: route.id } });
  expect((await applyIngress(t.db, actor, meta)).applied.map((c) => `${c.action} ${c.kind}`)).toEqual(["delete route", "delete certificate"]);
  expect(JSON.stringify(await createCaddyAdmin(caddy.adminUrl).getConfig())).not.toContain("homeport-");
}, 60_000);
