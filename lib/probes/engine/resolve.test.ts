// resolveHost must refuse a *name* whose answers include a refused address, before any connect.
import { afterEach, describe, expect, it, vi } from "vitest";

const answers = new Map<string, { address: string; family: number }[]>();
vi.mock("node:dns/promises", async (orig) => ({
  ...(await orig<typeof import("node:dns/promises")>()),
  lookup: vi.fn(async (host: string) => {
    const a = answers.get(host);
    if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return a;
  }),
}));

const { resolveHost } = await import("./resolve");
const { runCheck } = await import("./run");

afterEach(() => answers.clear());

describe("resolveHost", () => {
  const signal = new AbortController().signal;
  it("refuses a name that resolves to the metadata address", async () => {
    answers.set("metadata.test", [{ address: "169.254.169.254", family: 4 }]);
    await expect(resolveHost("metadata.test", signal)).rejects.toMatchObject({ errorClass: "blocked" });
  });
  it("refuses when any one answer is refused (no picking the good one)", async () => {
    answers.set("mixed.test", [{ address: "192.0.2.10", family: 4 }, { address: "fd00:ec2::254", family: 6 }]);
    await expect(resolveHost("mixed.test", signal)).rejects.toMatchObject({ errorClass: "blocked" });
  });
  it("returns the first address otherwise, with DNS time", async () => {
    answers.set("nas.test", [{ address: "192.0.2.10", family: 4 }]);
    const r = await resolveHost("nas.test", signal);
    expect(r.address).toBe("192.0.2.10");
    expect(r.dnsMs).not.toBeNull();
  });
  it("an unknown name is a DNS failure", async () => {
    const r = await runCheck({ type: "tcp", target: { host: "nowhere.test", port: 80 } }, { timeoutMs: 2000 });
    expect(r.errorClass).toBe("dns_failure");
  });
  it("an HTTP check of such a name is blocked, not sent", async () => {
    answers.set("evil.test", [{ address: "169.254.169.254", family: 4 }]);
    const r = await runCheck({ type: "http", target: { url: "http://evil.test/latest/meta-data/", method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 } }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(r.message).toContain("169.254.169.254");
  });
});

describe("resolveHost with a port: admin endpoints", () => {
  const signal = new AbortController().signal;
  it("refuses Caddy's admin port and Docker's API on any address", async () => {
    await expect(resolveHost("192.0.2.5", signal, { port: 2019 })).rejects.toMatchObject({ errorClass: "blocked", message: expect.stringContaining("Caddy's admin API") });
    answers.set("docker.test", [{ address: "192.0.2.6", family: 4 }]);
    await expect(resolveHost("docker.test", signal, { port: 2376 })).rejects.toMatchObject({ errorClass: "blocked", message: expect.stringContaining("Docker") });
  });
  it("refuses a name that resolves to a given admin endpoint on its port, not on others", async () => {
    answers.set("alias.test", [{ address: "192.0.2.2", family: 4 }]);
    const admin = [{ host: "192.0.2.2", port: 8019, what: "Caddy's admin API (Ingress settings)" }];
    await expect(resolveHost("alias.test", signal, { port: 8019, admin })).rejects.toMatchObject({ errorClass: "blocked", message: expect.stringContaining("Ingress settings") });
    await expect(resolveHost("alias.test", signal, { port: 8080, admin })).resolves.toMatchObject({ address: "192.0.2.2" });
  });
  it("refuses numeric IPv4 spellings before any lookup", async () => {
    await expect(resolveHost("0xa9fea9fe", signal)).rejects.toMatchObject({ errorClass: "blocked", message: expect.stringContaining("169.254.169.254") });
  });
  it("a TCP check to Docker's API port is blocked, not sent", async () => {
    const r = await runCheck({ type: "tcp", target: { host: "127.0.0.1", port: 2375 } }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
  });
});
