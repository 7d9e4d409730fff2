// The edge provider's failures as the tunnel reports them, against a stand-in admin API on
// loopback (the real Caddy runs in test/tunnel/caddy-edge.test.ts): refused credentials,
// a refused config, an answer that is not Caddy's, and the Authorization header it sends.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TunnelAuthError, TunnelRejectedError } from "../errors";
import type { TunnelTarget } from "../types";
import { caddyEdgeTunnel } from "./caddy-edge";

let server: Server;
let base = "";
const seen: IncomingHttpHeaders[] = [];
/** HTTP method → [status, body] the stand-in answers with. */
const answers = new Map<string, [number, string]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const [status, body] = answers.get(req.method!) ?? [404, '{"error":"unknown"}'];
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const target = (over: Partial<TunnelTarget> = {}): TunnelTarget => ({ mode: "remote", externalId: "edge.example.org", accountId: null, credentials: "", apiBaseUrl: base, ...over });

describe("caddy-edge provider errors", () => {
  it("a refused credential (401/403) is unauthorized, and the token is sent as a bearer", async () => {
    answers.set("GET", [403, '{"error":"token refused"}']);
    await expect(caddyEdgeTunnel.readIngress(target({ credentials: "s3cret" }))).rejects.toBeInstanceOf(TunnelAuthError);
    expect(seen.at(-1)?.authorization).toBe("Bearer s3cret");
  });

  it("no credentials: no Authorization header; an empty config reads as no rules", async () => {
    answers.set("GET", [200, "null\n"]);
    expect(await caddyEdgeTunnel.readIngress(target())).toEqual([]);
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it("a config Caddy refuses is rejected with Caddy's message", async () => {
    answers.set("GET", [200, "null\n"]);
    answers.set("POST", [400, '{"error":"loading new config: http app module: listener address repeated"}']);
    const err = await caddyEdgeTunnel.writeIngress(target(), [{ hostname: "app.example.org", service: "https://198.51.100.1:443" }, caddyEdgeTunnel.catchAll]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelRejectedError);
    expect((err as Error).message).toMatch(/listener address repeated/);
  });

  it("rules the edge cannot carry are rejected before any call", async () => {
    const before = seen.length;
    await expect(caddyEdgeTunnel.writeIngress(target(), [{ hostname: "app.example.org", service: "ssh://198.51.100.1:22" }, caddyEdgeTunnel.catchAll])).rejects.toBeInstanceOf(TunnelRejectedError);
    expect(seen.length).toBe(before);
  });

  it("an answer that is not Caddy's JSON is rejected, not a crash", async () => {
    answers.set("GET", [200, "<html>login</html>"]);
    await expect(caddyEdgeTunnel.readIngress(target())).rejects.toBeInstanceOf(TunnelRejectedError);
  });

  it("public records CNAME to the edge's name, not proxied", () => {
    expect(caddyEdgeTunnel.publicRecord(target({ externalId: "Edge.Example.org." }), "app.example.org")).toEqual({ name: "app.example.org", type: "CNAME", content: "edge.example.org", proxied: false });
  });
});
