// The routes test bed: a small homelab laid out on this machine with network namespaces, only on
// documentation addresses (RFC 5737) inside namespaces it creates.
//
//   root namespace (control plane, tests)         lan namespace (the home LAN)
//     hpbl<sfx> 198.51.100.1/30 ──────────────────  lan0 198.51.100.2/30
//       TCP forwarder → Homeport on 127.0.0.1        BIND9 (LAN view of lab.example.net) :53
//       Docker publishes the service here            Caddy = LAN reverse proxy :80/:443, admin :2019
//                                                    Homeport agent (vantage "lan")
//                                                    edge0 203.0.113.129/25 ─┐
//                                                                            │ THE EDGE LINK
//     hpbm<sfx> 203.0.113.1/30 ──────┐          remote namespace ("the internet")
//       TCP forwarder (agent uplink)  └────────  mgmt0 203.0.113.2/30, edge0 203.0.113.130/25
//                                                    BIND9: public view of lab.example.net and a
//                                                      static example.org (edge.example.org A 203.0.113.130)
//                                                    Caddy "edge" = stand-in for the tunnel
//                                                      provider's edge (Cloudflare cannot be reached
//                                                      here): :80/:443, admin 203.0.113.2:2019
//                                                    Homeport agent (vantage "remote")
//
// 192.0.2.0/24 is not used: CI machines and this one sit on it (eth0 192.0.2.2, gateway
// 192.0.2.1), so the root namespace must not take addresses there; start() refuses to run when
// the root namespace already routes any of the bed's subnets.
// The management link carries only what a real remote vantage point has through its own uplink:
// the remote agent's control connection (and Homeport's calls to the public DNS server and the
// edge's admin API, which in real life go over the internet to the provider). Cutting the edge
// link is "the internet is down" for the home; results from the remote agent still arrive.
// Namespaces have no default route: they reach only the addresses above.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { namedConfig, tsigKeyClause, zoneFile } from "../dns/servers";
import { startCaddy, type CaddyProcess } from "../ingress/caddy-harness";
import { startAgent, type AgentProcess } from "../agents/helpers/agent-process";
import { startForwarder, type Forwarder } from "./forwarder";
import { acquireBedLock, assertNetnsAvailable, assertSubnetsFree, BED_PREFIX, execIn, ip, removeStaleBeds, spawnIn, wrapProcess, writeNetnsResolvConf, type BedProcess } from "./netns";

export { timings } from "./timings";

export const ADDR = {
  rootLan: "198.51.100.1",
  lan: "198.51.100.2",
  lanEdge: "203.0.113.129",
  remoteEdge: "203.0.113.130",
  rootMgmt: "203.0.113.1",
  remoteMgmt: "203.0.113.2",
} as const;
/** Prefix lengths: the LAN link, the management link and the edge link. */
// Small links (/30) in the root namespace, so other namespace tests can run beside the bed: the
// Docker rollout test's registry namespace sits at 198.51.100.252/30 and the agent-vantage
// tests' links in 203.0.113.128/25.
const PREFIX = { lan: 30, mgmt: 30, edge: 25 } as const;
/** Subnets the root namespace gets (the LAN link and the management link); nothing may route them yet. */
export const ROOT_SUBNETS = [`198.51.100.0/${PREFIX.lan}`, `203.0.113.0/${PREFIX.mgmt}`];
export const ZONE = "lab.example.net";
export const EDGE_ZONE = "example.org";
export const EDGE_NAME = "edge.example.org";
export const CADDY_ADMIN_PORT = 2019;
export const TSIG_KEY_NAME = "homeport-bed";
const READY_TIMEOUT_MS = 20_000;
const POLL_MS = 100;

export type Side = "lan" | "remote";

export interface TsigServer {
  /** Where Homeport's rfc2136 provider reaches it from the root namespace. */
  server: string;
  port: number;
  keyName: string;
  secret: string;
  keyFile: string;
}

export interface HttpOutcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  error?: string;
}

/** Installs what the bed runs when missing (BIND9 + dig/nsupdate, Caddy): the repo's idempotent scripts. */
export async function ensureBedPackages(): Promise<void> {
  for (const script of ["scripts/ensure-dns-servers.sh", "scripts/ensure-caddy.sh"]) {
    const r = await execIn(null, ["bash", script], { timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`${script} failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; the error names `what` and carries `detail()`. */
export async function until<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = READY_TIMEOUT_MS, detail: () => string = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ""}\n${detail()}`);
    await sleep(POLL_MS);
  }
}

// One request from inside a namespace, by Node (resolving through the namespace's resolv.conf).
// Prints one JSON line: { status, headers, body } or { error }.
const HTTP_PROBE = `
const [url, connectTo] = process.argv.slice(1);
const u = new URL(url);
const mod = require(u.protocol === "https:" ? "node:https" : "node:http");
const lookup = connectTo ? (h, o, cb) => (o && o.all ? cb(null, [{ address: connectTo, family: 4 }]) : cb(null, connectTo, 4)) : undefined;
const req = mod.request(u, { rejectUnauthorized: false, timeout: 5000, lookup, servername: u.hostname }, (res) => {
  let body = "";
  res.setEncoding("utf8");
  res.on("data", (c) => (body += c));
  res.on("end", () => console.log(JSON.stringify({ status: res.statusCode, headers: res.headers, body: body.slice(0, 4000) })));
});
req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
req.on("error", (e) => console.log(JSON.stringify({ error: e.code || e.message })));
req.end();
`;

export class TestBed {
  readonly ns: Record<Side, string>;
  readonly rootIf: Record<Side, string>;
  readonly dir: string;
  readonly lanDns: TsigServer;
  readonly publicDns: TsigServer;
  lanCaddy!: CaddyProcess;
  edgeCaddy!: CaddyProcess;
  readonly forwarders: Partial<Record<Side, Forwarder>> = {};
  private readonly processes: BedProcess[] = [];
  private readonly agents: { side: Side; agent: AgentProcess }[] = [];
  private releaseLock: () => void = () => {};
  private readonly onExit = () => this.stopSync();

  private constructor(readonly suffix: string) {
    this.ns = { lan: `${BED_PREFIX}-lan-${suffix}`, remote: `${BED_PREFIX}-rem-${suffix}` };
    this.rootIf = { lan: `hpbl${suffix}`, remote: `hpbm${suffix}` };
    this.dir = mkdtempSync(join(tmpdir(), `${BED_PREFIX}-${suffix}-`));
    const secret = () => randomBytes(32).toString("base64");
    this.lanDns = { server: ADDR.lan, port: 53, keyName: TSIG_KEY_NAME, secret: secret(), keyFile: join(this.dir, "lan-dns", "tsig.key") };
    this.publicDns = { server: ADDR.remoteMgmt, port: 53, keyName: TSIG_KEY_NAME, secret: secret(), keyFile: join(this.dir, "public-dns", "tsig.key") };
  }

  /**
   * Lays out the bed; `controlPlanePort` is the Homeport server's port on 127.0.0.1 (agents reach
   * it through forwarders). Fails, never skips, without root or `ip netns`.
   */
  static async start(controlPlanePort: number): Promise<TestBed> {
    await assertNetnsAvailable();
    const bed = new TestBed(randomBytes(4).toString("hex").slice(0, 6));
    bed.releaseLock = await acquireBedLock();
    process.once("exit", bed.onExit);
    try {
      await bed.network();
      await Promise.all([bed.startBind("lan"), bed.startBind("remote"), bed.startCaddies()]);
      bed.forwarders.lan = await startForwarder(ADDR.rootLan, { host: "127.0.0.1", port: controlPlanePort });
      bed.forwarders.remote = await startForwarder(ADDR.rootMgmt, { host: "127.0.0.1", port: controlPlanePort });
    } catch (err) {
      const logs = bed.logs();
      await bed.stop();
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n${logs}`);
    }
    return bed;
  }

  private async network(): Promise<void> {
    await assertSubnetsFree(ROOT_SUBNETS);
    const { lan, remote } = this.ns;
    for (const ns of [lan, remote]) {
      await ip("netns", "add", ns);
      await ip("-n", ns, "link", "set", "lo", "up");
      // A cut link fails new connections at once (as a home router without its uplink does)
      // instead of sending into a dead wire until a timeout.
      const r = await execIn(ns, ["sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/all/ignore_routes_with_linkdown"]);
      if (r.code !== 0) throw new Error(`setting ignore_routes_with_linkdown in ${ns}: ${r.stderr}`);
    }
    // root ↔ lan, root ↔ remote (management), lan ↔ remote (the edge link). Peers are created
    // directly in their namespace, so in-namespace names never clash with the root's.
    await ip("link", "add", this.rootIf.lan, "type", "veth", "peer", "name", "lan0", "netns", lan);
    await ip("link", "add", this.rootIf.remote, "type", "veth", "peer", "name", "mgmt0", "netns", remote);
    await ip("-n", lan, "link", "add", "edge0", "type", "veth", "peer", "name", "edge0", "netns", remote);
    await ip("addr", "add", `${ADDR.rootLan}/${PREFIX.lan}`, "dev", this.rootIf.lan);
    await ip("addr", "add", `${ADDR.rootMgmt}/${PREFIX.mgmt}`, "dev", this.rootIf.remote);
    await ip("-n", lan, "addr", "add", `${ADDR.lan}/${PREFIX.lan}`, "dev", "lan0");
    await ip("-n", lan, "addr", "add", `${ADDR.lanEdge}/${PREFIX.edge}`, "dev", "edge0");
    await ip("-n", remote, "addr", "add", `${ADDR.remoteMgmt}/${PREFIX.mgmt}`, "dev", "mgmt0");
    await ip("-n", remote, "addr", "add", `${ADDR.remoteEdge}/${PREFIX.edge}`, "dev", "edge0");
    await ip("link", "set", this.rootIf.lan, "up");
    await ip("link", "set", this.rootIf.remote, "up");
    for (const [ns, dev] of [[lan, "lan0"], [lan, "edge0"], [remote, "mgmt0"], [remote, "edge0"]] as const) await ip("-n", ns, "link", "set", dev, "up");
    // Written before anything starts in the namespaces: `ip netns exec` bind-mounts them.
    writeNetnsResolvConf(lan, ADDR.lan);
    writeNetnsResolvConf(remote, ADDR.remoteMgmt);
  }

  private async startBind(side: Side): Promise<void> {
    const t = side === "lan" ? this.lanDns : this.publicDns;
    const dir = join(this.dir, side === "lan" ? "lan-dns" : "public-dns");
    mkdirSync(dir, { recursive: true });
    writeFileSync(t.keyFile, tsigKeyClause(t.keyName, t.secret), { mode: 0o600 });
    const zones = [{ name: ZONE, file: join(dir, "zone.db"), dynamic: true }];
    writeFileSync(join(dir, "zone.db"), zoneFile(ZONE, [], t.server));
    if (side === "remote") {
      // A name Homeport does not own: the edge's public address, as the provider publishes it.
      zones.push({ name: EDGE_ZONE, file: join(dir, "edge.db"), dynamic: false });
      writeFileSync(join(dir, "edge.db"), zoneFile(EDGE_ZONE, [`edge IN A ${ADDR.remoteEdge}`], t.server));
      // The remote side's resolver is recursive, as on the internet (the public CNAME leads into
      // example.org); it serves "." itself, so every other name is NXDOMAIN and nothing is asked
      // outside the namespace.
      zones.push({ name: ".", file: join(dir, "root.db"), dynamic: false });
      writeFileSync(join(dir, "root.db"), `$TTL 300\n@ IN SOA root-ns. hostmaster. ( 1 3600 600 86400 60 )\n@ IN NS root-ns.\nroot-ns IN A ${t.server}\n`);
    }
    writeFileSync(join(dir, "named.conf"), namedConfig({ dir, listen: t.server, port: t.port, keyName: t.keyName, secret: t.secret, zones, recursion: side === "remote" }));
    const p = spawnIn(`named (${side === "lan" ? "LAN" : "public"} view)`, this.ns[side], ["/usr/sbin/named", "-g", "-n", "1", "-c", join(dir, "named.conf")]);
    this.processes.push(p);
    await until(async () => {
      if (p.exited()) throw new Error(`${p.name} exited: ${p.log().slice(-2000)}`);
      return (await this.dig(side, `ns1.${ZONE}`)).includes(t.server);
    }, `${p.name} to answer`, READY_TIMEOUT_MS, () => p.log().slice(-2000));
  }

  private async startCaddies(): Promise<void> {
    // Caddy's local CA must never touch the machine's trust store.
    const pki = { certificate_authorities: { local: { install_trust: false } } };
    // A real edge gets public certificates by ACME; no CA is reachable here, so the edge's
    // catch-all issuance policy is its local CA (the remote probes do not verify TLS).
    const edgeTls = { automation: { policies: [{ issuers: [{ module: "internal" }] }] } };
    const [lanCaddy, edgeCaddy] = await Promise.all([
      startCaddy(() => ({ apps: { pki } }), { netns: this.ns.lan, adminHost: ADDR.lan, adminPort: CADDY_ADMIN_PORT, http: 80, https: 443 }),
      startCaddy(() => ({ apps: { pki, tls: edgeTls } }), { netns: this.ns.remote, adminHost: ADDR.remoteMgmt, adminPort: CADDY_ADMIN_PORT, http: 80, https: 443 }),
    ]);
    this.lanCaddy = lanCaddy;
    this.edgeCaddy = edgeCaddy;
  }

  /** The control plane's URL as an agent on `side` reaches it (through the forwarder). */
  serverUrlFor(side: Side): string {
    const f = this.forwarders[side];
    if (!f) throw new Error("the bed is not started");
    return f.url;
  }

  private agentSetup(side: Side): { stateDir: string; env: Record<string, string> } {
    const stateDir = join(this.dir, `agent-${side}`);
    mkdirSync(stateDir, { recursive: true });
    // The remote vantage point is not a Docker host of this lab: no Docker socket there.
    const env: Record<string, string> = side === "remote" ? { DOCKER_HOST: `unix://${join(this.dir, "no-docker.sock")}` } : {};
    return { stateDir, env };
  }

  /** Starts the real agent (agents/main.ts) inside `side`'s namespace with an enrollment token. */
  startAgent(side: Side, token: string): AgentProcess {
    const { stateDir, env } = this.agentSetup(side);
    const agent = startAgent(["--server", this.serverUrlFor(side), "--token", token, "--state-dir", stateDir, "--name", `bed-${side}-${this.suffix}`], env, { netns: this.ns[side] });
    this.agents.push({ side, agent });
    this.processes.push(wrapProcess(`agent (${side})`, agent.child, agent.output));
    return agent;
  }

  /** Stops `side`'s agent and starts it again with the credentials it saved (it reconnects and says hello). */
  async restartAgent(side: Side): Promise<AgentProcess> {
    const running = this.agents.filter((a) => a.side === side);
    await Promise.all(running.map((a) => a.agent.kill()));
    const { stateDir, env } = this.agentSetup(side);
    const agent = startAgent(["--server", this.serverUrlFor(side), "--state-dir", stateDir, "--name", `bed-${side}-${this.suffix}`], env, { netns: this.ns[side] });
    this.agents.push({ side, agent });
    this.processes.push(wrapProcess(`agent (${side}, restarted)`, agent.child, agent.output));
    return agent;
  }

  /** "The internet is down": the home's link to the edge goes away (the management link stays). */
  async cutEdgeLink(): Promise<void> {
    await ip("-n", this.ns.lan, "link", "set", "edge0", "down");
  }

  async restoreEdgeLink(): Promise<void> {
    await ip("-n", this.ns.lan, "link", "set", "edge0", "up");
    await until(async () => (await execIn(this.ns.remote, ["ip", "-o", "link", "show", "edge0"])).stdout.includes("LOWER_UP"), "the edge link to come back up");
  }

  /** Answers of `side`'s own DNS server, queried from inside that namespace (`dig +short`). */
  async dig(side: Side, name: string, type = "A"): Promise<string[]> {
    const server = side === "lan" ? this.lanDns.server : this.publicDns.server;
    const r = await execIn(this.ns[side], ["dig", `@${server}`, name, type, "+short", "+time=2", "+tries=1"]);
    if (r.code !== 0) throw new Error(`dig ${name} ${type} @${server}: ${r.stdout}${r.stderr}`);
    return r.stdout.split("\n").map((l) => l.trim()).filter(Boolean).sort();
  }

  digLan = (name: string, type = "A") => this.dig("lan", name, type);
  digPublic = (name: string, type = "A") => this.dig("remote", name, type);

  /** One HTTP(S) GET from inside `side` (TLS not verified: the bed's CAs are Caddy's local ones). */
  async curlFrom(side: Side, url: string, opts: { connectTo?: string } = {}): Promise<HttpOutcome> {
    const r = await execIn(this.ns[side], [process.execPath, "-e", HTTP_PROBE, url, ...(opts.connectTo ? [opts.connectTo] : [])], { timeoutMs: 15_000 });
    const line = r.stdout.trim().split("\n").pop() ?? "";
    try {
      return JSON.parse(line) as HttpOutcome;
    } catch {
      return { error: `no answer from the probe (exit ${r.code}): ${r.stderr.slice(0, 500)}` };
    }
  }

  /** An operator's hand edit of the LAN zone: `name` A → `address`, signed with the TSIG key. */
  async editLanRecordByHand(name: string, address: string): Promise<void> {
    const script = [`server ${this.lanDns.server} ${this.lanDns.port}`, `zone ${ZONE}.`, `update delete ${name}. A`, `update add ${name}. 60 A ${address}`, "send", ""].join("\n");
    const r = await execIn(null, ["nsupdate", "-v", "-k", this.lanDns.keyFile], { input: script });
    if (r.code !== 0) throw new Error(`nsupdate: ${r.stderr}`);
  }

  /** Every process's recent output, for failure messages. */
  logs(): string {
    const parts = this.processes.map((p) => `── ${p.name}${p.exited() ? " (exited)" : ""}\n${p.log().slice(-3000)}`);
    if (this.lanCaddy) parts.push(`── caddy (LAN proxy)\n${this.lanCaddy.log().slice(-3000)}`);
    if (this.edgeCaddy) parts.push(`── caddy (edge, stand-in for the tunnel provider)\n${this.edgeCaddy.log().slice(-3000)}`);
    return parts.join("\n");
  }

  async stop(): Promise<void> {
    process.removeListener("exit", this.onExit);
    await Promise.all(this.agents.map((a) => a.agent.kill()));
    await Promise.all([...this.processes.map((p) => p.stop()), this.lanCaddy?.stop(), this.edgeCaddy?.stop()]);
    await Promise.all(Object.values(this.forwarders).map((f) => f.close()));
    this.stopSync();
  }

  /** Synchronous last resort (also on process exit): kill what runs in the namespaces, remove them. */
  private stopSync(): void {
    for (const p of this.processes) if (!p.exited()) p.child.kill("SIGKILL");
    removeStaleBeds([this.ns.lan, this.ns.remote]);
    rmSync(this.dir, { recursive: true, force: true });
    this.releaseLock();
  }
}
