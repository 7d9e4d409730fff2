// Real DNS servers for the integration tests: BIND9 `named` and `dnsmasq`, each on 127.0.0.1 on a
// free high port, with its own config and files in a temp dir. Installed (when missing) by
// scripts/ensure-dns-servers.sh; never the system services.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const READY_TIMEOUT_MS = 20_000;
const ENSURE_TIMEOUT_MS = 300_000;

export async function ensureDnsServers(): Promise<void> {
  await run("bash", ["scripts/ensure-dns-servers.sh"], { timeout: ENSURE_TIMEOUT_MS });
}

/** A free TCP port on loopback (also free for UDP in practice on a test machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, child?: ChildProcess, log?: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log?.() ?? ""}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready in ${READY_TIMEOUT_MS} ms: ${log?.() ?? ""}`);
}

/** Queries with dig and returns the answer values (`+short`). */
export async function dig(port: number, name: string, type: string): Promise<string[]> {
  const { stdout } = await run("dig", ["-p", String(port), "@127.0.0.1", name, type, "+short", "+time=2", "+tries=2"], { timeout: 15_000 });
  return stdout.split("\n").map((l) => l.trim()).filter(Boolean).sort();
}

export interface Named {
  port: number;
  dir: string;
  zone: string;
  keyName: string;
  secret: string;
  keyFile: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Sends an nsupdate script (the "hand edit" of a test), signed with the TSIG key. */
  nsupdate(lines: string[]): Promise<void>;
  cleanup(): Promise<void>;
}

/** A TSIG key as BIND's config names it: the `key` clause, also the key file nsupdate reads. */
export function tsigKeyClause(keyName: string, secret: string): string {
  return `key "${keyName}" { algorithm hmac-sha256; secret "${secret}"; };\n`;
}

/** A zone the config serves: dynamic (updates and transfers with the key) or static. */
export interface NamedZone {
  name: string;
  file: string;
  dynamic: boolean;
}

/**
 * named.conf: one key, listens on `listen`:`port`, files in `dir`. Authoritative only unless
 * `recursion` (then a caller must serve "." itself, or named would ask the real root servers).
 */
export function namedConfig(o: { dir: string; listen: string; port: number; keyName: string; secret: string; zones: NamedZone[]; recursion?: boolean }): string {
  const zones = o.zones.map((z) => `zone "${z.name}" {
  type primary;
  file "${z.file}";
${z.dynamic ? `  allow-update { key "${o.keyName}"; };\n  allow-transfer { key "${o.keyName}"; };\n` : ""}};
`).join("");
  return `${tsigKeyClause(o.keyName, o.secret)}
options {
  directory "${o.dir}";
  pid-file "${o.dir}/named.pid";
  session-keyfile "${o.dir}/session.key";
  listen-on port ${o.port} { ${o.listen}; };
  listen-on-v6 { none; };
  recursion ${o.recursion ? "yes;\n  allow-recursion { any; }" : "no"};
  dnssec-validation no;
  notify no;
};
controls { };
logging { category default { default_stderr; }; };
${zones}`;
}

/** A zone file: SOA, NS ns1.<zone> with `ns1 A nsAddress`, then `records` (zone-relative lines). */
export function zoneFile(zone: string, records: string[] = [], nsAddress = "127.0.0.1"): string {
  return `$TTL 300
@ IN SOA ns1.${zone}. hostmaster.${zone}. ( 1 3600 600 86400 60 )
@ IN NS ns1.${zone}.
ns1 IN A ${nsAddress}
${records.join("\n")}
`;
}

/** Writes a BIND9 config with one dynamic zone (TSIG key for updates and transfers) and starts named. */
export async function startNamed(opts: { zone: string; records?: string[] }): Promise<Named> {
  const dir = mkdtempSync(join(tmpdir(), "homeport-named-"));
  const port = await freePort();
  const keyName = "homeport-test";
  const secret = randomBytes(32).toString("base64");
  const keyFile = join(dir, "tsig.key");
  writeFileSync(keyFile, tsigKeyClause(keyName, secret), { mode: 0o600 });
  writeFileSync(join(dir, "named.conf"), namedConfig({ dir, listen: "127.0.0.1", port, keyName, secret, zones: [{ name: opts.zone, file: `${dir}/zone.db`, dynamic: true }] }));
  writeFileSync(join(dir, "zone.db"), zoneFile(opts.zone, opts.records));
  let child: ChildProcess | undefined;
  let output = "";
  const named: Named = {
    port, dir, zone: opts.zone, keyName, secret, keyFile,
    async start() {
      output = "";
      child = spawn("/usr/sbin/named", ["-g", "-n", "1", "-c", join(dir, "named.conf")], { stdio: ["ignore", "pipe", "pipe"] });
      child.stdout?.on("data", (d: Buffer) => { output += d.toString(); });
      child.stderr?.on("data", (d: Buffer) => { output += d.toString(); });
      await waitFor(async () => (await dig(port, `ns1.${opts.zone}`, "A")).includes("127.0.0.1"), "named", child, () => output.slice(-2000));
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill("SIGTERM");
      });
    },
    async nsupdate(lines) {
      const script = [`server 127.0.0.1 ${port}`, `zone ${opts.zone}.`, ...lines, "send", ""].join("\n");
      await new Promise<void>((resolve, reject) => {
        const p = execFile("nsupdate", ["-v", "-k", keyFile], { timeout: 30_000 }, (err, _o, stderr) => (err ? reject(new Error(`nsupdate: ${stderr}`)) : resolve()));
        p.stdin?.end(script);
      });
    },
    async cleanup() {
      await named.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await named.start();
  return named;
}

export interface Dnsmasq {
  port: number;
  hostsFile: string;
  pidFile: string;
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

/** Starts dnsmasq on loopback answering only from one addn-hosts file (no upstream, no /etc/hosts). */
export async function startDnsmasq(opts: { hosts?: string } = {}): Promise<Dnsmasq> {
  const dir = mkdtempSync(join(tmpdir(), "homeport-dnsmasq-"));
  const port = await freePort();
  const hostsFile = join(dir, "homeport.hosts");
  const pidFile = join(dir, "dnsmasq.pid");
  writeFileSync(hostsFile, opts.hosts ?? "");
  const child = spawn("/usr/sbin/dnsmasq", [
    "--keep-in-foreground", "--conf-file=/dev/null", `--port=${port}`, "--listen-address=127.0.0.1", "--bind-interfaces",
    "--no-resolv", "--no-hosts", "--no-poll", `--addn-hosts=${hostsFile}`, `--pid-file=${pidFile}`, "--user=root", "--group=root",
    "--local-ttl=60", "--log-facility=-",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => { output += d.toString(); });
  child.stderr?.on("data", (d: Buffer) => { output += d.toString(); });
  await waitFor(async () => {
    await dig(port, "nothing.invalid", "A");
    return true;
  }, "dnsmasq", child, () => output.slice(-2000));
  const stop = async () => {
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  };
  return { port, hostsFile, pidFile, stop, async cleanup() { await stop(); rmSync(dir, { recursive: true, force: true }); } };
}
