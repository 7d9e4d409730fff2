// Starts a real `caddy run` (Debian's package) for one test file: its own admin address and
// HTTP/HTTPS ports on 127.0.0.1, a temp XDG data/config dir (so the internal CA lives there),
// and an initial config standing for the user's own Caddy setup.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest, type Server } from "node:http";
import { request } from "node:https";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CADDY_READY_TIMEOUT_MS = 20_000;
export const CADDY_STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 100;

export interface CaddyProcess {
  adminUrl: string;
  httpPort: number;
  httpsPort: number;
  dir: string;
  /** Caddy's stderr so far (its JSON log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Where a Caddy runs: by default on 127.0.0.1 with free ports; with `netns`, inside that network
 * namespace (`ip netns exec`), its admin API on `adminHost` and the given HTTP/HTTPS ports.
 */
export interface CaddyPlacement {
  netns: string;
  adminHost: string;
  adminPort: number;
  http: number;
  https: number;
}

/** Starts caddy with `initial(ports)` as its config; resolves once the admin API answers. */
export async function startCaddy(initial: (p: { admin: number; http: number; https: number }) => Record<string, unknown>, placement?: CaddyPlacement): Promise<CaddyProcess> {
  const [admin, http, https] = placement ? [placement.adminPort, placement.http, placement.https] : [await freePort(), await freePort(), await freePort()];
  const adminHost = placement?.adminHost ?? "127.0.0.1";
  const dir = mkdtempSync(join(tmpdir(), "homeport-caddy-"));
  // Caddy's internal CA is never installed into this machine's trust store by a test: that runs
  // update-ca-certificates (slow, and a side effect on the machine) and stalls the admin API meanwhile.
  const given = initial({ admin, http, https }) as { apps?: Record<string, unknown> };
  const noTrust = { certificate_authorities: { local: { install_trust: false } } };
  const config = { admin: { listen: `${adminHost}:${admin}` }, ...given, apps: { pki: noTrust, ...given.apps } };
  const file = join(dir, "caddy.json");
  writeFileSync(file, JSON.stringify(config));
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "data"), XDG_CONFIG_HOME: join(dir, "config") };
  // `ip netns exec` execs caddy in place, so the child's pid is caddy's.
  const [cmd, args] = placement ? ["ip", ["netns", "exec", placement.netns, "caddy", "run", "--config", file]] : ["caddy", ["run", "--config", file]];
  const child: ChildProcess = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let spawnError: Error | null = null;
  child.once("error", (err: NodeJS.ErrnoException) => {
    spawnError = err.code === "ENOENT" ? new Error("caddy is not installed; run scripts/ensure-caddy.sh (Debian's caddy package)") : err;
  });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  const adminUrl = `http://${adminHost}:${admin}`;
  const deadline = Date.now() + CADDY_READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw spawnError;
    if (exited) throw new Error(`caddy exited during start-up:\n${stderr}`);
    try {
      const r = await fetch(`${adminUrl}/config/`, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`caddy's admin API did not answer within ${CADDY_READY_TIMEOUT_MS} ms:\n${stderr}`);
    }
    await sleep(POLL_MS);
  }
  return {
    adminUrl,
    httpPort: http,
    httpsPort: https,
    dir,
    log: () => stderr,
    async stop() {
      if (!exited) {
        const gone = new Promise<void>((r) => child.once("exit", () => r()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), CADDY_STOP_TIMEOUT_MS);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny upstream on 127.0.0.1 that answers with its name, so tests see which service answered. */
export async function startUpstream(name: string): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const server = createHttpServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`${name} ${req.headers.host ?? ""} ${req.url ?? ""}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    server,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET through Caddy's HTTPS port with SNI + Host = hostname, trusting only `ca`. */
export function getThroughCaddy(httpsPort: number, hostname: string, ca: string, path = "/"): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: httpsPort, path, servername: hostname, headers: { host: `${hostname}:${httpsPort}` }, ca, timeout: 5_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/** Retries `fn` until it stops throwing and `ok` holds (Caddy issues certificates asynchronously). */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (ok(v)) return v;
      last = new Error(`condition not met: ${JSON.stringify(v).slice(0, 300)}`);
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(String(last));
    await sleep(200);
  }
}

/** GET over plain HTTP with a Host header (fetch cannot set Host); returns status and Location. */
export function getPlainHttp(port: number, hostname: string, path = "/"): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers: { host: hostname }, timeout: 5_000 }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}
