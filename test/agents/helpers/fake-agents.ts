// Fake agents for hub tests and benches: Host rows with known secrets, WebSocket clients that
// speak the real protocol frames, and container summaries in bulk. No Docker involved.
import WebSocket from "ws";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { sha256 } from "@/lib/auth/tokens";
import { eventFrame, type AgentEventParams, type AgentEventType, type ContainerSummary } from "@/lib/protocol";

export interface FakeHost {
  id: string;
  /** `<agentId>.<secret>`, the agent's Authorization bearer. */
  bearer: string;
}

export async function createHosts(db: Db, n: number, prefix: string): Promise<FakeHost[]> {
  const out: FakeHost[] = [];
  for (let i = 0; i < n; i++) {
    const secret = `hpa_${randomBytes(24).toString("hex")}`;
    const h = await db.host.create({ data: { name: `${prefix}${i}`, hostname: `${prefix}${i}`, agentSecretHash: sha256(secret), enrolledAt: new Date() } });
    out.push({ id: h.id, bearer: `${h.id}.${secret}` });
  }
  return out;
}

export function containers(n: number, serviceIds: (string | null)[] = [null], salt = ""): ContainerSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    id: sha256(`${salt}-${i}`).slice(0, 64),
    name: `c${salt}-${i}`,
    image: "busybox:latest",
    state: "running",
    status: "Up 3 minutes",
    health: null,
    exitCode: null,
    managed: false,
    serviceId: serviceIds[i % serviceIds.length] ?? null,
    specHash: null,
    ports: [],
    startedAt: new Date(0).toISOString(),
  }));
}

export interface FakeAgent {
  ws: WebSocket;
  send<T extends AgentEventType>(type: T, params: AgentEventParams<T>): void;
  close(): Promise<void>;
}

export function connectAgent(url: string, host: FakeHost): Promise<FakeAgent> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${host.bearer}` } });
  return new Promise((resolve, reject) => {
    ws.once("open", () =>
      resolve({
        ws,
        send: (type, params) => ws.send(eventFrame(type, params)),
        close: () =>
          new Promise<void>((r) => {
            if (ws.readyState === WebSocket.CLOSED) return r();
            ws.once("close", () => r());
            ws.close();
          }),
      }),
    );
    ws.once("unexpected-response", (_req, res) => reject(new Error(`agent ${host.id} refused: HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}
