// homeport-agent: enrolls once with a one-time token, then keeps one outbound WebSocket to the
// control plane and serves allowlisted Docker operations on this host. Run: npm run agent -- --help
import Docker from "dockerode";
import { hostname as osHostname } from "node:os";
import { log } from "@/lib/log";
import { AgentConfigError, parseAgentConfig } from "./config";
import { EnrollmentError, enroll, loadCredentials, saveCredentials } from "./credentials";
import { AgentConnection } from "./connection";
import { probeLinkDown } from "./probes";
import { watchDockerEvents } from "./docker/watch";
import { sampleStats } from "./docker/stats";
import { listSummaries } from "./docker/summary";
import { AGENT_VERSION } from "./version";
import { PolicyError, resolvePolicy } from "./policy";
import { RolloutLocks } from "./rollouts";
import { recoverRollouts } from "./deploy";
import { execSessions } from "./exec";
import { followContainerEvent, portBridges } from "./port-bridge";
import { followSwarmTaskEvent } from "./swarm";
import { setAgentIdentity } from "./identity";
import type { ContainerSummary } from "@/lib/protocol";
import { Deadman, type DeadmanEnv, type Reverter } from "./deadman";
import { gameDayDeadman } from "./gameday-handlers";
import { firewallDeadman } from "./firewall-handlers";

export const STATS_INTERVAL_MS = 15_000;
/** How often a bridged port that could not be bound is tried again. */
export const BRIDGE_RETRY_MS = 30_000;

async function main(): Promise<void> {
  const config = parseAgentConfig(process.argv.slice(2), process.env);
  const hostname = config.hostname ?? osHostname();
  let creds = loadCredentials(config.stateDir);
  if (creds && creds.server !== config.server) {
    log.warn("agent", "credentials were issued by another server; using them anyway", { issuedBy: creds.server, server: config.server });
  }
  if (!creds) {
    if (!config.token) throw new EnrollmentError(`not enrolled yet: pass --token <enrollment token> (state dir ${config.stateDir})`);
    creds = await enroll(config.server, config.token, hostname, AGENT_VERSION);
    saveCredentials(config.stateDir, creds);
    log.info("agent", "enrolled", { agentId: creds.agentId, hostName: creds.hostName, stateDir: config.stateDir });
  }

  setAgentIdentity(creds.agentId);

  // The host policy comes only from this host (flags or the saved file), before anything connects.
  const policy = resolvePolicy(config.stateDir, config.policyFlags);
  log.info("agent", "host policy", { bindRoots: policy.bindRoots, privileged: policy.allowPrivileged, hostNetwork: policy.allowHostNetwork, hostPid: policy.allowHostPid, capabilities: policy.allowedCapabilities, devices: policy.allowedDevices, gpus: policy.allowGpus });

  const docker = new Docker();
  const locks = new RolloutLocks();
  // Faults and firewall changes a dead agent left in force are undone before anything connects.
  const late: { conn?: AgentConnection } = {};
  const deadmanEnv: DeadmanEnv = {
    docker,
    emit: (type, params) => late.conn?.send(type, params) ?? false,
    link: { holdOff: (until) => late.conn?.holdOff(until), resume: () => late.conn?.resume() },
  };
  const features = [gameDayDeadman, firewallDeadman];
  const deadman = new Deadman({
    stateDir: config.stateDir,
    reverters: Object.assign({}, ...features.map((f) => f.reverters(deadmanEnv))) as Record<string, Reverter>,
    onReverted: (entry, reason, error) => {
      log.info("agent", "undid a change", { id: entry.id, kind: entry.kind, reason, error });
      for (const f of features) f.onReverted?.(entry, reason, error, deadmanEnv);
    },
    log: (line, fields) => log.warn("agent", line, fields),
  });
  const undone = await deadman.recover().catch((err: unknown) => {
    log.error("agent", "could not undo changes left by a previous run", { error: err instanceof Error ? err.message : String(err) });
    return 0;
  });
  if (undone > 0) log.info("agent", "undid changes left by a previous run", { count: undone });
  // Rollouts a crash cut short are finished or rolled back, and stray temporary containers removed,
  // before the control plane can ask about them or send new ones.
  try {
    const recovered = await recoverRollouts({ docker, stateDir: config.stateDir, locks }, (line) => log.info("agent", line));
    if (recovered.resumed + recovered.rolledBack + recovered.removedTemps > 0) log.info("agent", "recovered interrupted rollouts", recovered);
  } catch (err) {
    log.warn("agent", "could not check for interrupted rollouts", { error: err instanceof Error ? err.message : String(err) });
  }
  // Fenced containers that publish ports get the agent's bridge back before the first snapshot.
  await portBridges.syncAll(docker).catch((err: unknown) => log.warn("agent", "could not restore port bridges", { error: String(err) }));
  let remember: (list: ContainerSummary[]) => void = () => {};
  const connection = new AgentConnection({
    server: config.server,
    agentId: creds.agentId,
    secret: creds.secret,
    docker,
    hostname,
    stateDir: config.stateDir,
    onSnapshot: (l) => remember(l),
    // Consoles end with the link: nobody is left to read them or to close them.
    onLinkDown: () => { probeLinkDown(); void execSessions.closeAll(); },
    policy,
    locks,
    deadman,
  });
  late.conn = connection;
  const watcher = watchDockerEvents(
    docker,
    (e) => connection.send("docker/event", e),
    () => void portBridges.syncAll(docker).catch(() => undefined).then(() => connection.sendSnapshot()),
    (message) => log.warn("agent", "docker events", { error: message }),
    (action, id) => {
      followSwarmTaskEvent({ docker, emit: (t, p, f) => connection.send(t, p, f) }, action, id); // a Swarm task's state, live
      return followContainerEvent(docker, action, id);
    },
  );
  // A bridged port that could not be bound (taken by something else) is tried again now and then.
  const bridgeRetry = setInterval(() => {
    void portBridges.retryFailed(docker).then((opened) => { if (opened && connection.connected) void connection.sendSnapshot(); });
  }, BRIDGE_RETRY_MS);
  remember = (l) => watcher.remember(l);
  const stats = setInterval(() => {
    if (!connection.connected) return;
    void (async () => {
      const running = (await listSummaries(docker)).filter((c) => c.managed && c.state === "running");
      const samples = [];
      for (const c of running) samples.push(await sampleStats(docker, c.id).catch(() => null));
      const ok = samples.filter((s) => s !== null);
      if (ok.length > 0) connection.send("stats/sample", { samples: ok });
    })().catch((err: unknown) => log.warn("agent", "stats sampling failed", { error: String(err) }));
  }, STATS_INTERVAL_MS);
  connection.start();

  const shutdown = (signal: string) => {
    log.info("agent", "stopping", { signal });
    clearInterval(stats);
    clearInterval(bridgeRetry);
    watcher.stop();
    void portBridges.closeAll();
    void execSessions.closeAll();
    // Nothing this agent injected outlives it: faults and unconfirmed firewall changes are undone
    // first, while the link can still say so, then the connection closes.
    void deadman.revertAll("shutdown").finally(() => {
      connection.stop();
      setTimeout(() => process.exit(0), 200).unref();
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof AgentConfigError || err instanceof EnrollmentError || err instanceof PolicyError) process.stderr.write(`homeport-agent: ${err.message}\n`);
  else log.error("agent", "failed to start", { error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
