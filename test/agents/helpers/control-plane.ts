// A control plane for the agent tests, without Next.js: a temp database, the real AgentHub on
// the agent WebSocket path, and the real route handlers for enrollment and the SSE event stream
// mounted on a loopback HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { AddressInfo } from "node:net";
import { createTestDb, type TestDb } from "../../helpers/test-db";
import { startAgentHub, stopAgentHub, type AgentHub } from "@/lib/agents";
import { createApiToken } from "@/lib/auth";
import { AGENT_WS_PATH, ENROLL_PATH } from "@/lib/protocol";
import { POST as enrollPOST } from "@/app/api/v1/agents/enroll/route";
import { GET as eventsGET } from "@/app/api/v1/events/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;

export interface TestControlPlane {
  url: string;
  hub: AgentHub;
  t: TestDb;
  /** Bearer token with write scope, for the real route handlers. */
  apiToken: string;
  userId: string;
  close(): Promise<void>;
}

async function toWebRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  if (req.method !== "GET" && req.method !== "HEAD") for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  headers.set("x-homeport-client-ip", req.socket.remoteAddress ?? "");
  const ac = new AbortController();
  req.socket.once("close", () => ac.abort());
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, signal: ac.signal });
}

async function send(res: ServerResponse, r: Response): Promise<void> {
  res.writeHead(r.status, Object.fromEntries(r.headers));
  if (!r.body) return void res.end();
  Readable.fromWeb(r.body as import("node:stream/web").ReadableStream).on("error", () => res.end()).pipe(res);
}

export async function startTestControlPlane(): Promise<TestControlPlane> {
  const t = await createTestDb();
  const hub = startAgentHub(() => t.db);
  const user = await t.db.user.create({ data: { username: "tester", passwordHash: "not-used" } });
  const { token } = await createApiToken(t.db, { userId: user.id, name: "agents-test", scopes: ["admin"], expiresAt: null });
  const routes: Record<string, Handler> = { [`POST ${ENROLL_PATH}`]: enrollPOST, "GET /api/v1/events": eventsGET as Handler };
  let origin = "";
  const server: Server = createServer((req, res) => {
    const h = routes[`${req.method} ${(req.url ?? "").split("?")[0]}`];
    if (!h) return void res.writeHead(404).end();
    void toWebRequest(req, origin)
      .then((wr) => h(wr, { params: Promise.resolve({}) }))
      .then((r) => send(res, r))
      .catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  server.on("upgrade", (req, socket, head) => {
    if ((req.url ?? "").split("?")[0] === AGENT_WS_PATH) void hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    hub,
    t,
    apiToken: token,
    userId: user.id,
    async close() {
      await stopAgentHub();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await t.cleanup();
    },
  };
}
