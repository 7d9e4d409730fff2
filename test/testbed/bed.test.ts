// Proves the routes test bed's topology before any Homeport feature runs on it: each BIND answers
// its own view only, the LAN Caddy proxies to an upstream in the root namespace (where Docker
// publishes), the edge forwards a public hostname to the LAN proxy over the edge link, cutting
// that link breaks the remote side only, the agents' forwarders reach the control plane's port,
// and the namespaces have no route anywhere else. Fails (never skips) without root.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDR, EDGE_NAME, ensureBedPackages, TestBed, until, ZONE } from "./bed";
import { execIn } from "./netns";

const HOST = `probe.${ZONE}`;
let bed: TestBed | undefined;
let controlPlane: Server;
let upstream: Server;
let upstreamPort = 0;

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return (server.address() as { port: number }).port;
}

async function loadCaddy(adminUrl: string, config: unknown): Promise<void> {
  const res = await fetch(`${adminUrl}/load`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(config) });
  if (!res.ok) throw new Error(`caddy /load answered ${res.status}: ${await res.text()}`);
}

const noTrust = { pki: { certificate_authorities: { local: { install_trust: false } } } };
const tlsInternal = (subjects: string[]) => ({ automation: { policies: [{ subjects, issuers: [{ module: "internal" }] }] } });

// Long: another bed (routes.test.ts) may hold the machine's bed lock for a while.
beforeAll(async () => {
  await ensureBedPackages();
  controlPlane = createServer((_q, s) => s.end("control plane"));
  const cpPort = await listen(controlPlane, "127.0.0.1");
  bed = await TestBed.start(cpPort);
  // An upstream on the root side of the LAN link, where Docker publishes the real service.
  upstream = createServer((q, s) => s.end(`upstream saw host ${q.headers.host}`));
  upstreamPort = await listen(upstream, ADDR.rootLan);
  // Hand-written configs stand for what Homeport's ingress and tunnel providers will write.
  await loadCaddy(bed.lanCaddy.adminUrl, {
    admin: { listen: `${ADDR.lan}:2019` },
    apps: {
      ...noTrust,
      tls: tlsInternal([HOST]),
      http: { http_port: 80, https_port: 443, servers: { lan: { listen: [":443"], routes: [{ match: [{ host: [HOST] }], handle: [{ handler: "reverse_proxy", upstreams: [{ dial: `${ADDR.rootLan}:${upstreamPort}` }] }], terminal: true }] } } },
    },
  });
  await loadCaddy(bed.edgeCaddy.adminUrl, {
    admin: { listen: `${ADDR.remoteMgmt}:2019` },
    apps: {
      ...noTrust,
      tls: tlsInternal([HOST]),
      http: {
        http_port: 80,
        https_port: 443,
        servers: {
          edge: {
            listen: [`${ADDR.remoteEdge}:443`],
            routes: [{
              match: [{ host: [HOST] }],
              handle: [{ handler: "reverse_proxy", upstreams: [{ dial: `${ADDR.lanEdge}:443` }], headers: { request: { set: { Host: ["{http.request.host}"] } } }, transport: { protocol: "http", tls: { insecure_skip_verify: true, server_name: HOST }, keep_alive: { enabled: false }, dial_timeout: 2_000_000_000 } }],
              terminal: true,
            }],
          },
        },
      },
    },
  });
}, 660_000);

afterAll(async () => {
  await bed?.stop();
  upstream?.close();
  controlPlane?.close();
}, 60_000);

describe("routes test bed topology", () => {
  it("each BIND answers its own view only, and each namespace resolves through its own", async () => {
    expect(await bed!.digLan(`ns1.${ZONE}`)).toEqual([ADDR.lan]);
    expect(await bed!.digPublic(`ns1.${ZONE}`)).toEqual([ADDR.remoteMgmt]);
    expect(await bed!.digPublic(EDGE_NAME)).toEqual([ADDR.remoteEdge]);
    expect(await bed!.digLan(EDGE_NAME), "the LAN BIND does not serve example.org").toEqual([]);
    for (const [side, server] of [["lan", ADDR.lan], ["remote", ADDR.remoteMgmt]] as const) {
      const conf = (await execIn(bed!.ns[side], ["cat", "/etc/resolv.conf"])).stdout;
      expect(conf.match(/^nameserver .*$/gm)).toEqual([`nameserver ${server}`]);
    }
  });

  it("the LAN Caddy proxies to the root side of the LAN link, and the edge forwards to the LAN Caddy", async () => {
    const home = await until(async () => {
      const r = await bed!.curlFrom("lan", `https://${HOST}/`, { connectTo: ADDR.lan });
      return r.status === 200 ? r : null;
    }, "the LAN Caddy to serve the probe host", 20_000, () => bed!.logs());
    expect(home.body).toBe(`upstream saw host ${HOST}`);
    const away = await until(async () => {
      const r = await bed!.curlFrom("remote", `https://${HOST}/`, { connectTo: ADDR.remoteEdge });
      return r.status === 200 ? r : null;
    }, "the edge to forward to the LAN Caddy", 20_000, () => bed!.logs());
    expect(away.body).toBe(`upstream saw host ${HOST}`);
  });

  it("cutting the edge link breaks the remote path only, and restoring it brings it back", async () => {
    await bed!.cutEdgeLink();
    try {
      const away = await bed!.curlFrom("remote", `https://${HOST}/`, { connectTo: ADDR.remoteEdge });
      expect(away.status, JSON.stringify(away)).toBe(502);
      const home = await bed!.curlFrom("lan", `https://${HOST}/`, { connectTo: ADDR.lan });
      expect(home.status).toBe(200);
      // The remote agent's own uplink (management link) still carries its results.
      expect((await bed!.curlFrom("remote", `${bed!.serverUrlFor("remote")}/`)).body).toBe("control plane");
    } finally {
      await bed!.restoreEdgeLink();
    }
    await until(async () => (await bed!.curlFrom("remote", `https://${HOST}/`, { connectTo: ADDR.remoteEdge })).status === 200, "the remote path to recover", 20_000);
  });

  it("agents reach the control plane through the forwarders", async () => {
    expect((await bed!.curlFrom("lan", `${bed!.serverUrlFor("lan")}/`)).body).toBe("control plane");
    expect((await bed!.curlFrom("remote", `${bed!.serverUrlFor("remote")}/`)).body).toBe("control plane");
  });

  it("the namespaces have no route beyond the bed's own links", async () => {
    const routes = async (side: "lan" | "remote") => (await execIn(bed!.ns[side], ["ip", "-4", "route", "show"])).stdout;
    expect(await routes("lan")).not.toMatch(/default/);
    expect(await routes("remote")).not.toMatch(/default/);
    // Route look-ups only (nothing is sent): the LAN has no path to the remote's management
    // link, the remote none to the LAN, neither to any other address.
    const lookup = async (side: "lan" | "remote", to: string) => (await execIn(bed!.ns[side], ["ip", "route", "get", to])).code;
    expect(await lookup("lan", ADDR.remoteMgmt)).not.toBe(0);
    expect(await lookup("remote", ADDR.lan)).not.toBe(0);
    expect(await lookup("lan", "10.0.0.1")).not.toBe(0);
    expect(await lookup("remote", "10.0.0.1")).not.toBe(0);
  });
});
