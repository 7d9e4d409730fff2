// Routes against a hostile "Caddy" and hostile upstreams, in-process through the real handlers: an
// admin API trickling one byte a second holds an apply at most the admin deadline and the routes
// lock is free afterwards; a 100 MB config is cut at the cap; upstreams spelled as mapped metadata
// addresses are refused at creation (422) and a name resolving to 169.254.169.254 fails the proxy
// part with the reason and never reaches Caddy. Name lookups are replaced through node:dns/promises.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/** Names this test resolves itself; every other name goes to the system resolver. */
const fakeAnswers = new Map<string, { address: string; family: number }[]>([["metadata-alias.test", [{ address: "169.254.169.254", family: 4 }]]]);
vi.mock("node:dns/promises", async (orig) => {
  const real = await orig<typeof import("node:dns/promises")>();
  return {
    ...real,
    lookup: vi.fn(async (host: string, opts?: object) => fakeAnswers.get(host) ?? real.lookup(host, { ...opts, all: true })),
  };
});

const { createTestDb } = await import("@/test/helpers/test-db");
const { call, errorOf, setupAdmin } = await import("@/test/helpers/api");
const { updateIngressSettings, ADMIN_TIMEOUT_MS } = await import("@/lib/ingress");
const { CADDY_CONFIG_MAX_BYTES } = await import("@/lib/ingress/caddy-client");
const { withRoutesLock } = await import("@/lib/routes/reconcile");
const { formatBytes, formatDuration } = await import("@/lib/net/bounded-request");
const routes = await import("@/app/api/v1/routes/route");
const routePlan = await import("@/app/api/v1/routes/[id]/plan/route");
const routeApply = await import("@/app/api/v1/routes/[id]/apply/route");

type Mode = "trickle" | "flood" | "ok";

let t: Awaited<ReturnType<typeof createTestDb>>;
let session: Awaited<ReturnType<typeof setupAdmin>>;
let caddy: Server;
let caddyUrl: string;
let mode: Mode = "ok";
/** Bodies Homeport sent to the fake Caddy's admin API. */
const sent: string[] = [];
let floodBytes = 0;

function fakeCaddy(req: IncomingMessage, res: ServerResponse): void {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    if (req.method !== "GET") sent.push(body);
    res.on("error", () => undefined);
    if (mode === "trickle") {
      res.writeHead(200, { "content-type": "application/json" });
      const t = setInterval(() => res.write(" "), 1000);
      res.on("close", () => clearInterval(t));
    } else if (mode === "flood") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (floodBytes < 100 * 1024 * 1024) {
          floodBytes += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end("{}");
      };
      pump();
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end(req.method === "GET" ? "null" : "");
    }
  });
}

const partsOf = (body: unknown) => Object.fromEntries((body as { parts: { part: string; status: string; message: string | null }[] }).parts.map((p) => [p.part, p]));

async function createRoute(hostname: string, upstreamUrl: string) {
  return call(routes.POST, "/api/v1/routes", { auth: session, body: { hostname, upstreamUrl, exposure: "lan" } });
}
async function apply(id: string) {
  return call(routeApply.POST, `/api/v1/routes/${id}/apply`, { method: "POST", auth: session }, { id });
}

beforeAll(async () => {
  process.env.HOMEPORT_PROBES = "0";
  t = await createTestDb();
  session = await setupAdmin(t.db);
  caddy = createServer(fakeCaddy);
  await new Promise<void>((r) => caddy.listen(0, "127.0.0.1", r));
  caddyUrl = `http://127.0.0.1:${(caddy.address() as AddressInfo).port}`;
  await updateIngressSettings(t.db, { adminUrl: caddyUrl, serverName: "homeport", httpPort: 8080, httpsPort: 8443, proxyAddress: "127.0.0.1" }, { type: "system", name: "test" }, { ip: "127.0.0.1", userAgent: "vitest" });
});
afterAll(async () => {
  delete process.env.HOMEPORT_PROBES;
  caddy.closeAllConnections();
  await new Promise<void>((r) => caddy.close(() => r()));
  await t.cleanup();
});

/** The well-behaved route created first; later applies of it converge the whole Caddy config. */
let routeId = "";

describe("a hostile Caddy admin API", () => {
  it("trickling one byte a second: the apply ends at the admin deadline with the reason, and the routes lock is free", async () => {
    const created = await createRoute("app.home.test", "http://127.0.0.1:18080");
    expect(created.status, created.text).toBe(201);
    routeId = (created.body as { id: string }).id;
    mode = "trickle";
    const t0 = performance.now();
    const r = await apply(routeId);
    const heldMs = performance.now() - t0;
    expect(r.status, r.text).toBe(200);
    expect(partsOf(r.body).proxy).toMatchObject({ status: "failed", message: `Caddy unreachable: Caddy's admin API at ${caddyUrl} did not answer: no complete answer within ${formatDuration(ADMIN_TIMEOUT_MS)}` });
    // The lock the apply held is free: the next locked section runs as soon as it is asked.
    const queued = performance.now();
    await withRoutesLock(async () => undefined);
    console.log(`trickling Caddy held the apply ${Math.round(heldMs)} ms (admin deadline ${ADMIN_TIMEOUT_MS} ms); the lock was free again after ${Math.round(performance.now() - queued)} ms`);
  }, 60_000);

  it("answering a 100 MB config: the read is cut at the cap and the part says so", async () => {
    mode = "flood";
    const r = await apply(routeId);
    expect(r.status, r.text).toBe(200);
    expect(partsOf(r.body).proxy).toMatchObject({ status: "failed", message: expect.stringContaining(`answer larger than ${formatBytes(CADDY_CONFIG_MAX_BYTES)}`) });
    expect(floodBytes).toBeLessThan(100 * 1024 * 1024);
    console.log(`flooding Caddy pushed ${(floodBytes / 1024 / 1024).toFixed(1)} MiB before the cut (cap ${formatBytes(CADDY_CONFIG_MAX_BYTES)})`);
  }, 60_000);

  it("a well-behaved Caddy gets the entry (the same route applies once Caddy behaves)", async () => {
    mode = "ok";
    const r = await apply(routeId);
    expect(partsOf(r.body).proxy, r.text).toMatchObject({ status: "ok" });
    expect(sent.join("\n")).toContain("127.0.0.1:18080");
  });
});

describe("hostile upstreams", () => {
  const refusedAtCreation: { desc: string; url: () => string; mentions: string | (() => string) }[] = [
    { desc: "IPv4-mapped metadata in hex", url: () => "http://[::ffff:a9fe:a9fe]/", mentions: "169.254.169.254" },
    { desc: "IPv4-mapped metadata, dotted", url: () => "http://[::ffff:169.254.169.254]/", mentions: "169.254.169.254" },
    { desc: "NAT64 metadata", url: () => "http://[64:ff9b::a9fe:a9fe]/", mentions: "NAT64" },
    { desc: "the unspecified address", url: () => "http://0.0.0.0:8080/", mentions: "unspecified" },
    { desc: "Caddy's admin API port", url: () => "http://127.0.0.1:2019/", mentions: "Caddy's admin API" },
    { desc: "Docker's API", url: () => "http://192.0.2.10:2375/", mentions: "Docker" },
    { desc: "the configured Caddy's own admin API (custom port)", url: () => `${caddyUrl}/`, mentions: () => `${caddyUrl.slice("http://".length)} is Caddy's admin API at ${caddyUrl}` },
  ];
  for (const c of refusedAtCreation) {
    it(`refuses ${c.desc} with 422 on upstreamUrl`, async () => {
      const r = await createRoute(`x${refusedAtCreation.indexOf(c)}.home.test`, c.url());
      expect(r.status, r.text).toBe(422);
      const issue = errorOf(r).issues?.find((i) => i.path === "upstreamUrl");
      expect(issue?.message).toContain(typeof c.mentions === "function" ? c.mentions() : c.mentions);
    });
  }

  it("a name that resolves to 169.254.169.254: the plan shows the proxy part blocked, the apply fails it with the reason, Caddy never sees it", async () => {
    const created = await createRoute("meta.home.test", "http://metadata-alias.test:8080/");
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    const reason = "upstream metadata-alias.test:8080 refused: metadata-alias.test resolves to 169.254.169.254: 169.254.169.254 is a link-local / cloud-metadata address (169.254.0.0/16)";

    const plan = await call(routePlan.GET, `/api/v1/routes/${id}/plan`, { auth: session }, { id });
    expect(plan.status, plan.text).toBe(200);
    expect((plan.body as { parts: { part: string; action: string; reason: string | null }[] }).parts.find((p) => p.part === "proxy")).toMatchObject({ reason });

    sent.length = 0;
    const r = await apply(id);
    expect(partsOf(r.body).proxy, r.text).toMatchObject({ status: "failed", message: reason });
    // Another route's apply converges the whole Caddy config: the refused entry is not in it either.
    const other = await apply(routeId);
    expect(partsOf(other.body).proxy, other.text).toMatchObject({ status: "ok" });
    expect(sent.join("\n")).not.toContain("metadata-alias.test");
    expect(sent.join("\n")).not.toContain("169.254.169.254");
  });
});
