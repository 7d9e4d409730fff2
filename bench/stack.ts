// Benchmark (npm run bench:stack): applying a ten-service Compose stack through Homeport
// (createStack + applyStack until the rollout ends: every service created in dependency order and
// health-gated) against docker-compose 1.29 on the same engine with the same file, both
// `up -d` (returns once every container is started, having waited for the two service_healthy
// dependencies, as the file asks) and `up -d` followed by polling until every
// container runs and the ones with a healthcheck are healthy (1.29 has no `--wait`). Fresh each
// round (removed with volumes in between), sides taking turns going first. Profiles where
// Homeport's time goes (per level, per service) on stderr and as a JSON line, and times one lone
// container's create + start each round (the engine's own cost, which both sides pay ten times).
// BENCH_ROUNDS sets the rounds; BENCH_COMPOSE=0 measures Homeport alone. Last line: one JSON object.
import Docker from "dockerode";
import { performance } from "node:perf_hooks";
import { LABELS } from "@/lib/protocol";
import { applyStack, createStack, removeStack } from "@/lib/stacks";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../test/agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../test/agents/helpers/control-plane";
import { actor, enrolledAgent, freePort, meta } from "../test/agents/helpers/fixtures";
import { waitUntil } from "../test/agents/helpers/sse-client";
import { composeProject, composeVersion, type ComposeProject } from "./lib/compose-cli";
import { ApplyRecorder, profileTable, summarise, type ApplyProfile } from "./lib/stack-profile";
import { STACK_COMPOSE, STACK_LEVELS, STACK_SERVICES, WEB_ANSWER, stackEnv } from "./lib/stack-file";
import { median, percentile, progress, round1, round3 } from "./lib/stats";

const PREFIX = "hpt-bstk-";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** BENCH_COMPOSE=0 measures and profiles Homeport alone (e.g. to try an agent change). */
const WITH_COMPOSE = process.env.BENCH_COMPOSE !== "0";
const SERVE_TIMEOUT_MS = 30_000;
const NO_COMPOSE = "docker-compose (the v1 CLI) is not installed: run `apt-get install -y docker-compose`; only Homeport was measured";

const docker = new Docker();

async function serves(port: number): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return (await r.text()).trim();
  } catch {
    return null;
  }
}

/** The chain came up in order: web relays api, which relayed db. */
async function assertServes(port: number, who: string): Promise<void> {
  await waitUntil(async () => (await serves(port)) === WEB_ANSWER || null, SERVE_TIMEOUT_MS, `${who}'s web to serve the chain`).catch(async (e: Error) => {
    throw new Error(`${e.message}; it answered ${JSON.stringify(await serves(port))}`);
  });
}

interface HomeportRun {
  ms: number;
  applyMs: number;
  profile: ApplyProfile;
}

async function homeportRound(cp: TestControlPlane, hostId: string, image: string, i: number): Promise<HomeportRun> {
  const name = `${PREFIX}h${i < 0 ? "w" : i}`;
  const ports = { web: await freePort(), static: await freePort() };
  const recorder = new ApplyRecorder(cp.hub.bus, docker, name);
  const t0 = performance.now();
  const stack = await createStack(cp.t.db, { name, hostId, compose: STACK_COMPOSE, env: stackEnv(image, ports) }, actor, meta);
  const t1 = performance.now();
  const { finished } = await applyStack(cp.t.db, stack.id, { pull: false }, actor, meta);
  const r = await finished;
  const t2 = performance.now();
  const profile = await recorder.stop(Date.now());
  try {
    if (r.status !== "succeeded") throw new Error(`stack apply ${r.status}: ${r.error}`);
    const levels = [...new Set(r.steps.map((s) => s.level))].map((l) => r.steps.filter((s) => s.level === l).map((s) => s.key).sort());
    if (JSON.stringify(levels) !== JSON.stringify(STACK_LEVELS)) throw new Error(`unexpected levels ${JSON.stringify(levels)}`);
    await assertServes(ports.web, "Homeport");
  } finally {
    await removeStack(cp.t.db, stack.id, { volumes: true }, actor, meta).catch((e: Error) => progress(`removeStack failed (${e.message}); removing by hand`));
    await cleanupDocker(PREFIX, { networks: [`${name}_default`] });
    await docker.getVolume(`${name}_data`).remove().catch(() => undefined);
  }
  return { ms: t2 - t0, applyMs: t2 - t1, profile };
}

/** One `up -d` (and, with `waitHealthy`, until every container is ready), checked and brought down. */
async function composeRound(project: ComposeProject, webPort: number, waitHealthy: boolean): Promise<number> {
  const t0 = performance.now();
  const ready = waitHealthy ? project.ready(STACK_SERVICES) : null;
  ready?.catch(() => undefined); // awaited below; an early failure must not go unhandled meanwhile
  try {
    await project.up();
    const upDone = performance.now();
    const ms = ready ? Math.max(upDone, await ready) - t0 : upDone - t0;
    await assertServes(webPort, "docker-compose");
    return ms;
  } finally {
    await project.down();
  }
}

/** The engine's own cost of one container in the same conditions: create + start on the default bridge. */
async function engineCreateStart(image: string, i: number): Promise<number> {
  const t0 = performance.now();
  const c = await docker.createContainer({ name: `${PREFIX}engine-${i}`, Image: image, Cmd: ["sleep", "60"], Labels: { [LABELS.test]: PREFIX } });
  await c.start();
  const ms = performance.now() - t0;
  await c.remove({ force: true });
  return ms;
}

const stats = (xs: number[]) => ({ p50: round1(median(xs)), p95: round1(percentile(xs, 95)) });

async function main(): Promise<void> {
  process.env.HOMEPORT_LOG_LEVEL ??= "warn"; // the control plane runs in this process: keep stdout for results
  await ensureDocker();
  const version = WITH_COMPOSE ? await composeVersion() : null;
  if (!version && WITH_COMPOSE) progress(`WARNING: ${NO_COMPOSE}`);
  progress(`${version ? `docker-compose ${version}` : "Homeport only"}; ${ROUNDS} rounds of a ${STACK_SERVICES}-service stack`);
  const image = await buildBusyboxImage();
  const cp = await startTestControlPlane();
  const { hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`);
  const webPort = await freePort();
  const project = version ? composeProject(`${PREFIX}compose`, STACK_COMPOSE, stackEnv(image, { web: webPort, static: await freePort() })) : null;
  try {
    const homeport: HomeportRun[] = [];
    const up: number[] = [];
    const upHealthy: number[] = [];
    const engine: number[] = [];
    const sides: (() => Promise<void>)[] = [
      async () => void homeport.push(await homeportRound(cp, hostId, image, homeport.length)),
      ...(project ? [async () => void up.push(await composeRound(project, webPort, false)), async () => void upHealthy.push(await composeRound(project, webPort, true))] : []),
    ];
    // Warm-up (not counted): the engine's caches, the CLI's first start.
    await homeportRound(cp, hostId, image, -1);
    if (project) await composeRound(project, webPort, true);
    for (let i = 0; i < ROUNDS; i++) {
      // Take turns going first, so no side always meets a warmer (or busier) engine.
      for (let k = 0; k < sides.length; k++) await sides[(i + k) % sides.length]!();
      engine.push(await engineCreateStart(image, i));
      progress(`round ${i}: homeport ${homeport.at(-1)!.ms.toFixed(0)} ms` + (project ? `, compose up -d ${up.at(-1)!.toFixed(0)} ms, up + healthy ${upHealthy.at(-1)!.toFixed(0)} ms` : "") + `, one container ${engine.at(-1)!.toFixed(0)} ms`);
    }

    const summary = summarise(homeport.map((h) => h.profile));
    progress(`where Homeport's time goes (median ms over ${ROUNDS} rounds):\n${profileTable(summary)}`);
    console.log(JSON.stringify({ profile: summary }));
    const hp = stats(homeport.map((h) => h.ms));
    const cu = project ? stats(up) : null;
    const ch = project ? stats(upHealthy) : null;
    const result = {
      bench: "stack",
      services: STACK_SERVICES,
      homeportMs: hp.p50,
      composeUpMs: cu?.p50 ?? null,
      composeUpHealthyMs: ch?.p50 ?? null,
      ratio: cu ? round3(hp.p50 / cu.p50) : null,
      ratioHealthy: ch ? round3(hp.p50 / ch.p50) : null,
      rounds: ROUNDS,
      homeportP95Ms: hp.p95,
      homeportApplyOnlyMs: stats(homeport.map((h) => h.applyMs)).p50,
      composeUpP95Ms: cu?.p95 ?? null,
      composeUpHealthyP95Ms: ch?.p95 ?? null,
      engineCreateStartMs: stats(engine).p50,
      compose: version ? `docker-compose ${version}` : WITH_COMPOSE ? NO_COMPOSE : "not measured (BENCH_COMPOSE=0)",
    };
    console.log(JSON.stringify(result));
  } finally {
    await project?.down().catch(() => undefined);
    project?.dispose();
    await agent.kill("SIGKILL");
    await cp.close();
    await cleanupDocker(PREFIX, { image });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
