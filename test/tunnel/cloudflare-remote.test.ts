// The Cloudflare Tunnel provider in remotely managed mode against a contract fake of Cloudflare's
// API (Cloudflare cannot be reached here): reads and writes the configuration document, and maps
// Cloudflare's failures to typed errors a user can act on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildTunnelRule,
  getTunnelProvider,
  TunnelAuthError,
  TunnelNotFoundError,
  TunnelRateLimitedError,
  TunnelRejectedError,
  type TunnelTarget,
} from "@/lib/tunnel";
import { startFakeCloudflare, type FakeCloudflare } from "./fakes/cloudflare-api";

const ORIGIN = "https://192.168.1.10:443";
let cf: FakeCloudflare;
let target: TunnelTarget;
const provider = getTunnelProvider("cloudflare");

beforeAll(async () => {
  cf = await startFakeCloudflare();
  target = { mode: "remote", externalId: cf.tunnelId, accountId: cf.accountId, credentials: cf.token, apiBaseUrl: cf.baseUrl };
});
afterAll(async () => cf?.close());

describe("the contract fake follows Cloudflare's documented shapes", () => {
  const put = (body: unknown, token = cf.token) =>
    fetch(`${cf.baseUrl}/accounts/${cf.accountId}/cfd_tunnel/${cf.tunnelId}/configurations`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("a refused token: 403 with code 10000 in the envelope", async () => {
    const r = await put({ config: { ingress: [{ service: "http_status:404" }] } }, "wrong");
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null });
  });

  it("a list whose last rule has a hostname: 400 with code 1056 and cloudflared's message", async () => {
    const r = await put({ config: { ingress: [{ hostname: "a.example.com", service: "http://x:1" }] } });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { success: boolean; errors: { code: number; message: string }[] };
    expect(body.success).toBe(false);
    expect(body.errors[0]?.code).toBe(1056);
    expect(body.errors[0]?.message).toMatch(/last ingress rule must match all URLs/);
  });
});

describe("Cloudflare provider, remotely managed", () => {
  it("reads a tunnel without configuration as no rules", async () => {
    expect(await provider.readIngress(target)).toEqual([]);
  });

  it("writes the rules ending with http_status:404 and reads them back", async () => {
    const rules = [buildTunnelRule("app.example.com", ORIGIN, "remote"), provider.catchAll];
    await provider.writeIngress(target, rules);
    expect(cf.configs.get(cf.tunnelId)?.config?.ingress).toEqual(rules);
    expect(await provider.readIngress(target)).toEqual(rules);
    const put = cf.requests.filter((r) => r.method === "PUT").at(-1);
    expect(put).toEqual({ method: "PUT", path: `/client/v4/accounts/${cf.accountId}/cfd_tunnel/${cf.tunnelId}/configurations`, authorized: true });
  });

  it("refuses to send a list cloudflared would refuse, without calling Cloudflare", async () => {
    const before = cf.requests.length;
    await expect(provider.writeIngress(target, [buildTunnelRule("app.example.com", ORIGIN, "remote")])).rejects.toBeInstanceOf(TunnelRejectedError);
    expect(cf.requests.length).toBe(before);
  });

  it("a refused token is an authentication error, with Cloudflare's code", async () => {
    const err = await provider.readIngress({ ...target, credentials: "revoked" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelAuthError);
    expect((err as Error).message).toMatch(/Authentication error \(code 10000\)/);
  });

  it("an unknown tunnel id is not found", async () => {
    const err = await provider.readIngress({ ...target, externalId: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelNotFoundError);
    expect((err as Error).message).toMatch(/code 7003/);
  });

  it("429 is rate limited, with the Retry-After seconds", async () => {
    cf.rateLimitNext(1, 30);
    const err = await provider.readIngress(target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelRateLimitedError);
    expect((err as TunnelRateLimitedError).retryAfterSeconds).toBe(30);
    expect(await provider.readIngress(target)).toHaveLength(2);
  });

  it("the public record is a proxied CNAME to <tunnel-id>.cfargotunnel.com", () => {
    expect(provider.publicRecord(target, "app.example.com")).toEqual({ name: "app.example.com", type: "CNAME", content: `${cf.tunnelId}.cfargotunnel.com`, proxied: true });
  });
});
