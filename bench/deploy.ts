// Benchmark (npm run bench:deploy): Homeport deploy overhead against a plain `docker run`
// (create + start through the same Engine API) of the same busybox httpd, both timed from the
// request to the first HTTP answer on a 127.0.0.1-published port, polled the same way from the
// start on both sides; and Docker `die` event → browser (SSE) latency.
// Prints one JSON object on its last line.
import Docker from "dockerode";
import { performance } from "node:perf_hooks";
import { deployService } from "@/lib/agents";
import { LABELS } from "@/lib/protocol";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../test/agents/helpers/docker";
import { startTestControlPlane } from "../test/agents/helpers/control-plane";
import { actor, addService, enrolledAgent, freePort, httpdCommand, meta } from "../test/agents/helpers/fixtures";
import { openEventStream } from "../test/agents/helpers/sse-client";

const PREFIX = "hpt-bench-";
const DEPLOY_ROUNDS = 15;
const EVENT_ROUNDS = 30;
const FIRST_ANSWER_TIMEOUT_MS = 30_000;
const POLL_MS = 10;

const docker = new Docker();
const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function firstAnswer(port: number, t0: number): Promise<number> {
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      await r.text();
      if (r.ok) return performance.now() - t0;
    } catch {
      // not up yet
    }
    if (performance.now() - t0 > FIRST_ANSWER_TIMEOUT_MS) throw new Error(`no HTTP answer on ${port}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function dockerRun(image: string, i: number): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  // Poll from t0 on both sides: a client polling while the engine starts the container meets
  // docker-proxy accepting before the container listens, and must see that on both sides alike.
  const answered = firstAnswer(port, t0);
  const c = await docker.createContainer({
    name: `${PREFIX}plain-${i}`,
    Image: image,
    Cmd: httpdCommand("plain"),
    Labels: { [LABELS.test]: PREFIX },
    ExposedPorts: { "8080/tcp": {} },
    HostConfig: { PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: String(port) }] } },
  });
  await c.start();
  const ms = await answered;
  await c.remove({ force: true });
  return ms;
}

async function main(): Promise<void> {
  await ensureDocker();
  const image = await buildBusyboxImage();
  const cp = await startTestControlPlane();
  const { hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`);
  const sse = await openEventStream(`${cp.url}/api/v1/events`, cp.apiToken);
  try {
    const plain: number[] = [], homeport: number[] = [], complete: number[] = [], dispatch: number[] = [];
    await dockerRun(image, -1); // warm-up
    for (let i = 0; i < DEPLOY_ROUNDS; i++) {
      // Alternate which goes first, so neither side always meets a warmer engine.
      if (i % 2 === 0) plain.push(await dockerRun(image, i));
      const port = await freePort();
      const svc = await addService(cp.t.db, {
        name: `${PREFIX}svc-${i}`, image, command: httpdCommand("homeport"), restartPolicy: "no", hostId,
        ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }],
      });
      const t0 = performance.now();
      const { deployment, finished } = await deployService(cp.t.db, svc.id, { pull: false }, actor, meta);
      const firstLog = sse.waitFor((e) => e.type === "deploy/log" && e.deploymentId === deployment.id, 10_000, t0);
      homeport.push(await firstAnswer(port, t0));
      dispatch.push((await firstLog).at - t0);
      const d = await finished;
      if (d.status !== "succeeded") throw new Error(`deploy failed: ${d.error}`);
      complete.push(performance.now() - t0);
      if (i > 0) await docker.getContainer(`${PREFIX}svc-${i}`).remove({ force: true }); // like the plain runs
      if (i % 2 === 1) plain.push(await dockerRun(image, i));
      progress(`round ${i}: docker run ${plain.at(-1)!.toFixed(0)} ms, homeport first answer ${homeport.at(-1)!.toFixed(0)} ms, rollout done ${complete.at(-1)!.toFixed(0)} ms`);
    }

    // die → SSE: the bench watches Docker's own event stream as the reference clock.
    const target = docker.getContainer(`${PREFIX}svc-0`);
    const targetId = (await target.inspect()).Id;
    const dieSeen = new Map<number, number>();
    let round = 0;
    const events = await docker.getEvents({ filters: { type: ["container"], event: ["die"], container: [targetId] } });
    events.on("data", () => dieSeen.set(round, performance.now()));
    const latencies: number[] = [];
    for (round = 0; round < EVENT_ROUNDS; round++) {
      const t0 = performance.now();
      await target.kill();
      const hit = await sse.waitFor((e) => e.type === "container/state" && e.container.containerId === targetId && e.container.state === "exited", 5_000, t0);
      await new Promise((r) => setTimeout(r, 20));
      const die = dieSeen.get(round);
      if (die !== undefined) latencies.push(Math.max(0, hit.at - die));
      const t1 = performance.now();
      await target.start();
      await sse.waitFor((e) => e.type === "container/state" && e.container.containerId === targetId && e.container.state === "running", 5_000, t1);
    }
    (events as unknown as { destroy(): void }).destroy();

    const result = {
      deploy_ratio: round3(median(homeport) / median(plain)),
      deploy_complete_ratio: round3(median(complete) / median(plain)),
      docker_run_first_answer_ms_p50: round1(median(plain)),
      homeport_first_answer_ms_p50: round1(median(homeport)),
      homeport_rollout_complete_ms_p50: round1(median(complete)),
      homeport_first_log_ms_p50: round1(median(dispatch)),
      event_p50_ms: round1(percentile(latencies, 50)),
      event_p95_ms: round1(percentile(latencies, 95)),
      event_samples: latencies.length,
      deploy_rounds: DEPLOY_ROUNDS,
    };
    console.log(JSON.stringify(result));
  } finally {
    sse.close();
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
