// The agent simulator's command line (npm run sim -- --agents 200 --containers 50 --seconds 60):
// N simulated agents against a control plane (a throwaway local one, or --base with an admin
// --token), steady load for --seconds, then --storms reconnect storms; prints one JSON line.
import { parseArgs } from "node:util";
import { ControlPlane, signIn } from "./control-plane";
import { EventWatch } from "./event-watch";
import { Fleet } from "./fleet";
import { startLocalControlPlane, type LocalControlPlane } from "./local-server";
import { measurePages, measureWindow } from "./measure";

const CONNECT_TIMEOUT_MS = 600_000;
const STORM_TIMEOUT_MS = 180_000;

const USAGE = `npm run sim -- [options]
  --agents N             simulated agents (default 50)
  --containers M         containers per agent (default 20)
  --seconds S            steady load before the storms (default 30)
  --stats-interval S     seconds between each agent's stats (default 10)
  --churn R              container state changes per agent per minute (default 2)
  --probes R             probe result batches per agent per minute, for checks the hub scheduled (default 1)
  --storms K             reconnect storms after the steady load (default 1)
  --sources K            spread agents over 127.0.0.1 … 127.0.0.K (default 1)
  --base URL --token T   an existing control plane and an admin API token (default: start one locally)
  --user U --password P  sign in there for page times (local: the admin it set up)
  --pid PID              the control plane's process, for its memory and CPU from /proc`;

function num(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} wants a number, not "${v}"`);
  return n;
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      agents: { type: "string" }, containers: { type: "string" }, seconds: { type: "string" }, "stats-interval": { type: "string" },
      churn: { type: "string" }, probes: { type: "string" }, storms: { type: "string" }, sources: { type: "string" },
      base: { type: "string" }, token: { type: "string" }, user: { type: "string" }, password: { type: "string" }, pid: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (a.help) return void process.stdout.write(`${USAGE}\n`);
  const agents = Math.floor(num(a.agents, 50, "agents"));
  const containers = Math.max(1, Math.floor(num(a.containers, 20, "containers")));
  const seconds = num(a.seconds, 30, "seconds");
  const storms = Math.floor(num(a.storms, 1, "storms"));
  let local: LocalControlPlane | null = null;
  let base = a.base;
  let token = a.token ?? process.env.HOMEPORT_TOKEN;
  let cookie: string | null = null;
  let pid = a.pid ? Math.floor(num(a.pid, 0, "pid")) : null;
  if (!base) {
    local = await startLocalControlPlane();
    ({ base, token, cookie, pid } = local);
    process.stderr.write(`[sim] started a control plane at ${base} (pid ${pid})\n`);
  } else if (!token) {
    throw new Error("--base needs an admin API token (--token or HOMEPORT_TOKEN)");
  } else if (a.user && a.password) {
    cookie = await signIn(base, a.user, a.password);
  }
  const cp = new ControlPlane(base, token!);
  const fleet = new Fleet({
    base, containers, sources: Math.max(1, Math.floor(num(a.sources, 1, "sources"))),
    statsIntervalSeconds: num(a["stats-interval"], 10, "stats-interval"),
    churnPerAgentPerMinute: num(a.churn, 2, "churn"),
    probeResultsPerAgentPerMinute: num(a.probes, 1, "probes"),
  });
  const watch = new EventWatch(base, cookie ? { cookie } : { token: token! });
  try {
    await watch.ready();
    await fleet.grow(agents, cp, `sim-${Date.now().toString(36)}`);
    const connectSeconds = await fleet.waitAllBack(watch, fleet.lastStartedAt, CONNECT_TIMEOUT_MS);
    process.stderr.write(`[sim] ${fleet.connected}/${agents} agents connected in ${connectSeconds ?? "—"} s\n`);
    fleet.startLoad();
    const steady = await measureWindow(fleet, watch, cp, pid, seconds);
    const pages = await measurePages(base, cookie);
    const stormSeconds: (number | null)[] = [];
    for (let i = 0; i < storms; i++) {
      stormSeconds.push(await fleet.waitAllBack(watch, fleet.storm(), STORM_TIMEOUT_MS));
      process.stderr.write(`[sim] storm ${i + 1}: all back in ${stormSeconds[i] ?? "—"} s\n`);
    }
    const out = {
      agents, containers: fleet.containerCount, connected: fleet.connected, enrollFailures: fleet.enrollFailures,
      refusedUpgrades: Object.fromEntries(fleet.refusals), connectSeconds, ...steady, pages, stormSeconds, streamDrops: watch.drops, streamEventsDropped: watch.resyncDropped,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    fleet.stop();
    watch.stop();
    await local?.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[sim] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
