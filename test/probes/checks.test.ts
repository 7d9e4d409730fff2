// Every check type against real servers on loopback: what a user would see in the matrix cell.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { runCheck, CheckSpecSchema, MAX_BODY_BYTES, type CheckSpecInput } from "@/lib/probes/engine";
import { startDnsServer, startExpiredHttps, startHttpTarget, type Running } from "./helpers/servers";

let web: Awaited<ReturnType<typeof startHttpTarget>>;
let tlsExpired: Running;
let dns: Awaited<ReturnType<typeof startDnsServer>>;
let closedPort: number;

beforeAll(async () => {
  [web, tlsExpired, dns] = await Promise.all([startHttpTarget(), startExpiredHttps(), startDnsServer({ "app.home.example": "192.0.2.10" })]);
  // A port that was just free: nothing listens there.
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  closedPort = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
});
afterAll(async () => {
  await Promise.all([web?.close(), tlsExpired?.close(), dns?.close()]);
});

const check = (spec: CheckSpecInput, timeoutMs = 5_000) => runCheck(CheckSpecSchema.parse(spec), { timeoutMs });

describe("http checks on loopback", () => {
  it("up: 200 with the keyword, all phases timed", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/ok`, keyword: "Welcome to Homeport" } });
    expect(r).toMatchObject({ ok: true, errorClass: null, statusCode: 200 });
    expect(r.timing.connectMs).not.toBeNull();
    expect(r.timing.firstByteMs).not.toBeNull();
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it("down: nothing listening is 'refused'", async () => {
    const r = await check({ type: "http", target: { url: `http://127.0.0.1:${closedPort}/` } });
    expect(r).toMatchObject({ ok: false, errorClass: "refused" });
  });

  it("a 503 is 'http_status' with the code", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/status/503` } });
    expect(r).toMatchObject({ ok: false, errorClass: "http_status", statusCode: 503 });
    expect(r.message).toContain("503");
  });

  it("a custom status range accepts a 404", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/status/404`, expectStatus: { min: 200, max: 404 } } });
    expect(r.ok).toBe(true);
  });

  it("slow: no answer within the timeout is 'timeout', and returns promptly", async () => {
    const t0 = Date.now();
    const r = await check({ type: "http", target: { url: `${web.url}/slow?ms=10000` } }, 300);
    expect(r).toMatchObject({ ok: false, errorClass: "timeout" });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("wrong keyword is 'keyword_missing'", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/ok`, keyword: "Grafana" } });
    expect(r).toMatchObject({ ok: false, errorClass: "keyword_missing", statusCode: 200 });
  });

  it("the body read is capped: a keyword beyond the cap is not found", async () => {
    expect(MAX_BODY_BYTES).toBeLessThan(2 * 1024 * 1024);
    const r = await check({ type: "http", target: { url: `${web.url}/big`, keyword: "NEEDLE" } });
    expect(r).toMatchObject({ ok: false, errorClass: "keyword_missing" });
  });

  it("follows redirects, or reports the 302 when told not to", async () => {
    const followed = await check({ type: "http", target: { url: `${web.url}/redirect?to=/ok`, keyword: "Welcome" } });
    expect(followed).toMatchObject({ ok: true, statusCode: 200 });
    const notFollowed = await check({ type: "http", target: { url: `${web.url}/redirect?to=/ok`, followRedirects: false, expectStatus: { min: 200, max: 299 } } });
    expect(notFollowed).toMatchObject({ ok: false, errorClass: "http_status", statusCode: 302 });
  });

  it("a redirect to 169.254.169.254 is refused before connecting", async () => {
    const before = web.requests.length;
    const r = await check({ type: "http", target: { url: `${web.url}/redirect?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}` } });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(r.message).toMatch(/redirect to http:\/\/169\.254\.169\.254.* refused/);
    expect(web.requests.length).toBe(before + 1); // only the first hop reached a server
  });

  it("a redirect to file: is refused", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/redirect?to=${encodeURIComponent("file:///etc/passwd")}` } });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
  });

  it("a redirect to the metadata address in decimal form is refused too", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/redirect?to=${encodeURIComponent("http://2852039166/")}` } });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
  });

  it("too many redirects", async () => {
    const r = await check({ type: "http", target: { url: `${web.url}/loop`, maxRedirects: 2 } });
    expect(r).toMatchObject({ ok: false, errorClass: "too_many_redirects" });
  });
});

describe("TLS on loopback (expired self-signed certificate)", () => {
  it("https with verification: 'tls_error'", async () => {
    const r = await check({ type: "https", target: { url: `${tlsExpired.url}/ok` } });
    expect(r).toMatchObject({ ok: false, errorClass: "tls_error" });
  });

  it("https without verification still fails on expiry, and reports expiry and issuer", async () => {
    const r = await check({ type: "https", target: { url: `${tlsExpired.url}/ok`, verifyTls: false } });
    expect(r).toMatchObject({ ok: false, errorClass: "tls_error", statusCode: 200 });
    expect(r.message).toContain("expired on 2020-02-01");
    expect(r.tls).toMatchObject({ issuer: expect.stringContaining("expired.test"), expiresAt: "2020-02-01T00:00:00.000Z" });
    expect(r.timing.tlsMs).not.toBeNull();
  });

  it("tls handshake check reports the same", async () => {
    const r = await check({ type: "tls", target: { host: "127.0.0.1", port: tlsExpired.port, servername: "expired.test", verifyTls: false } });
    expect(r).toMatchObject({ ok: false, errorClass: "tls_error" });
    expect(r.tls?.daysLeft).toBeLessThan(0);
    const verified = await check({ type: "tls", target: { host: "127.0.0.1", port: tlsExpired.port } });
    expect(verified).toMatchObject({ ok: false, errorClass: "tls_error" });
  });
});

describe("tcp checks on loopback", () => {
  it("open port is up, closed port is refused", async () => {
    expect(await check({ type: "tcp", target: { host: "127.0.0.1", port: web.port } })).toMatchObject({ ok: true });
    expect(await check({ type: "tcp", target: { host: "localhost", port: closedPort } })).toMatchObject({ ok: false, errorClass: "refused" });
  });

  it("a numeric spelling of 169.254.169.254 is refused by the schema, and at run time if it got past it", async () => {
    // glibc would read the all-digits name as 169.254.169.254: refused before any lookup or connection.
    const spec = { type: "tcp" as const, target: { host: "2852039166", port: 80 } };
    expect(CheckSpecSchema.safeParse(spec).error?.issues[0]?.message).toContain("169.254.169.254");
    const r = await runCheck(spec, { timeoutMs: 5_000 });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(r.message).toContain("169.254.169.254");
  });
});

describe("dns checks against a resolver on loopback", () => {
  it("answer present", async () => {
    const r = await check({ type: "dns", target: { resolver: dns.resolver, name: "app.home.example", recordType: "A", expect: "192.0.2.10" } });
    expect(r).toMatchObject({ ok: true, answers: ["192.0.2.10"] });
  });
  it("answer missing (NXDOMAIN) is 'dns_failure'", async () => {
    const r = await check({ type: "dns", target: { resolver: dns.resolver, name: "missing.home.example", recordType: "A" } });
    expect(r).toMatchObject({ ok: false, errorClass: "dns_failure" });
    expect(r.message).toContain("NXDOMAIN");
  });
  it("a different answer than expected is 'dns_mismatch'", async () => {
    const r = await check({ type: "dns", target: { resolver: dns.resolver, name: "app.home.example", expect: "192.0.2.99" } });
    expect(r).toMatchObject({ ok: false, errorClass: "dns_mismatch" });
  });
  it("a resolver that does not answer is a timeout", async () => {
    const r = await check({ type: "dns", target: { resolver: `127.0.0.1:${closedPort}`, name: "app.home.example" } }, 500);
    expect(["timeout", "refused"]).toContain(r.errorClass);
  });
});
