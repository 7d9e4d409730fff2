import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTesting } from "@/lib/config";
import { CLIENT_IP_HEADER, publicOrigin, requestMeta } from "./request-meta";

function withEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) process.env[k] = v;
  resetConfigForTesting();
}
afterEach(() => {
  delete process.env.HOMEPORT_TRUST_PROXY;
  delete process.env.HOMEPORT_SECURE_COOKIES;
  resetConfigForTesting();
});

const req = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/health") => new Request(url, { headers });

describe("requestMeta", () => {
  it("takes the address server.ts set, without the IPv4-mapped prefix", () => {
    expect(requestMeta(req({ [CLIENT_IP_HEADER]: "::ffff:192.0.2.7", "user-agent": "curl/8" }))).toEqual({ ip: "192.0.2.7", userAgent: "curl/8", secure: false });
    expect(requestMeta(req({})).ip).toBeNull();
  });

  it("ignores X-Forwarded-For unless a proxy is trusted", () => {
    const r = () => req({ [CLIENT_IP_HEADER]: "10.0.0.2", "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" });
    expect(requestMeta(r())).toMatchObject({ ip: "10.0.0.2", secure: false });
    withEnv({ HOMEPORT_TRUST_PROXY: "1" });
    expect(requestMeta(r())).toMatchObject({ ip: "203.0.113.9", secure: true });
  });

  it("behind a trusted proxy, uses the entry the proxy appended, not one the client forged", () => {
    withEnv({ HOMEPORT_TRUST_PROXY: "true" });
    expect(requestMeta(req({ [CLIENT_IP_HEADER]: "10.0.0.2", "x-forwarded-for": "1.2.3.4, 198.51.100.20" })).ip).toBe("198.51.100.20");
  });

  it("marks cookies secure per HOMEPORT_SECURE_COOKIES", () => {
    expect(requestMeta(req({}, "https://homeport.example/")).secure).toBe(true);
    withEnv({ HOMEPORT_SECURE_COOKIES: "always" });
    expect(requestMeta(req({})).secure).toBe(true);
    withEnv({ HOMEPORT_SECURE_COOKIES: "never" });
    expect(requestMeta(req({}, "https://homeport.example/")).secure).toBe(false);
  });

  it("caps what it keeps from client headers", () => {
    expect(requestMeta(req({ "user-agent": "x".repeat(1000) })).userAgent).toHaveLength(256);
  });
});

describe("publicOrigin", () => {
  it("names the host the browser used, not the address the server bound", () => {
    expect(publicOrigin(req({ host: "127.0.0.1:3210" }, "http://localhost:3210/api/v1/enrollments"))).toBe("http://127.0.0.1:3210");
    expect(publicOrigin(req({ host: "homeport.lan:3000" }, "http://localhost:3000/x"))).toBe("http://homeport.lan:3000");
    expect(publicOrigin(req({ host: "[::1]:3000" }, "http://localhost:3000/x"))).toBe("http://[::1]:3000");
  });

  it("falls back to the request URL for a missing or odd Host header", () => {
    expect(publicOrigin(req({}, "http://localhost:3000/x"))).toBe("http://localhost:3000");
    expect(publicOrigin(req({ host: "evil.example/path?" }, "http://localhost:3000/x"))).toBe("http://localhost:3000");
  });

  it("trusts X-Forwarded-Host/-Proto only behind a trusted proxy", () => {
    const r = () => req({ host: "10.0.0.5:3000", "x-forwarded-host": "homeport.example.com", "x-forwarded-proto": "https" });
    expect(publicOrigin(r())).toBe("http://10.0.0.5:3000");
    withEnv({ HOMEPORT_TRUST_PROXY: "1" });
    expect(publicOrigin(r())).toBe("https://homeport.example.com");
  });
});
