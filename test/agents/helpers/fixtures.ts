// Small fixtures for the agent tests: free ports, services in the inventory, an enrolled agent.
import { createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "@/lib/db";
import { createService, ServiceCreateSchema, updateService, type ServiceCreateInput, type ServiceUpdateInput } from "@/lib/inventory";
import { createEnrollmentToken, deployService, type DeploymentView } from "@/lib/agents";
import { startAgent, type AgentProcess } from "./agent-process";
import type { TestControlPlane } from "./control-plane";
import { waitUntil } from "./sse-client";

export const actor = { type: "user" as const, id: "test", name: "tester" };
export const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** An httpd that serves `body` at / (so a test can tell versions apart). */
export function httpdCommand(body: string): string[] {
  return ["sh", "-c", `mkdir -p /www && echo ${body} > /www/index.html && exec httpd -f -p 8080 -h /www`];
}

export async function addService(db: Db, input: Partial<ServiceCreateInput> & { name: string; image: string; hostId: string }) {
  return createService(db, ServiceCreateSchema.parse(input), actor, meta);
}

export async function changeService(db: Db, id: string, input: ServiceUpdateInput) {
  return updateService(db, id, input, actor, meta);
}

export async function deployAndWait(db: Db, serviceId: string, pull = false): Promise<DeploymentView> {
  const { finished } = await deployService(db, serviceId, { pull }, actor, meta);
  return finished;
}

/** Enrolls a new agent process; `extraArgs` are more agent flags (e.g. host policy `--allow-bind`). */
export async function enrolledAgent(cp: TestControlPlane, name: string, extraArgs: string[] = []): Promise<{ hostId: string; stateDir: string; agent: AgentProcess }> {
  const { token } = await createEnrollmentToken(cp.t.db, { name }, cp.url, actor, meta);
  const stateDir = mkdtempSync(join(tmpdir(), "homeport-agent-state-"));
  const agent = startAgent(["--server", cp.url, "--token", token, "--state-dir", stateDir, ...extraArgs]);
  const host = await waitUntil(() => cp.t.db.host.findUnique({ where: { name } }), 20_000, `host ${name} to enroll`).catch((e: Error) => {
    throw new Error(`${e.message}\nagent output:\n${agent.output()}`);
  });
  await waitUntil(async () => cp.hub.isOnline(host.id), 20_000, "the agent to connect");
  return { hostId: host.id, stateDir, agent };
}
