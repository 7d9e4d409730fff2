// Container consoles end to end, as an admin and as an attacker would try them: a real agent, a
// busybox container, the real exec route and the console WebSocket. echo round-trips, exit ends the
// session, the exec process is gone after the browser disconnects, operators, viewers and non-admin
// tokens are refused, a cross-site Origin or a missing CSRF token cannot open a console, the audit
// rows exist without keystrokes, a host that forbids exec says so; inspect masks env values.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { POST as execPOST } from "@/app/api/v1/services/[id]/exec/route";
import { GET as inspectGET } from "@/app/api/v1/services/[id]/inspect/route";
import { createApiToken, createSession, SESSION_COOKIE } from "@/lib/auth";
import { getExecSessions, stopExecSessions } from "@/lib/agents/exec-sessions";
import type { ConsoleTicket, ContainerInspectView } from "@/lib/protocol";
import { call, errorOf, HOST, ORIGIN } from "../helpers/api";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { addService, deployAndWait, enrolledAgent, httpdCommand } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-exec-";
const SIZE = { cols: 100, rows: 30 };

let cp: TestControlPlane;
let image: string;
let server: Server;
let wsBase: string;
let host: { hostId: string; agent: AgentProcess };
let locked: { hostId: string; agent: AgentProcess };
let serviceId: string;
let lockedServiceId: string;
const auth: Record<"admin" | "operator" | "viewer", { cookie: string; csrf: string }> = {} as never;

async function sessionFor(role: "admin" | "operator" | "viewer") {
  const user = await cp.t.db.user.create({ data: { username: `${PREFIX}${role}`, passwordHash: "not-used", role } });
  const { token, session } = await createSession(cp.t.db, user.id, 3600_000, { ip: "127.0.0.1", userAgent: "vitest" });
  return { cookie: token, csrf: session.csrfToken };
}

const ticketFor = (a: { cookie: string; csrf: string } | { bearer: string }, id = serviceId, body: Record<string, unknown> = {}) =>
  call(execPOST, `/api/v1/services/${id}/exec`, { body: { ...SIZE, ...body }, auth: a }, { id });

/** A console client: collects output text, resolves on ready/exit, as the browser page does. */
function connect(ticket: string, opts: { cookie?: string; csrf?: string; origin?: string | null; bearer?: string } = {}) {
  const headers: Record<string, string> = { host: HOST };
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  if (opts.cookie) headers.cookie = `${SESSION_COOKIE}=${opts.cookie}`;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const ws = new WebSocket(`${wsBase}?ticket=${encodeURIComponent(ticket)}&csrf=${encodeURIComponent(opts.csrf ?? "")}`, { headers });
  let output = "";
  const texts: { type: string; exitCode?: number | null; reason?: string }[] = [];
  ws.on("message", (data, isBinary) => {
    if (isBinary) output += (data as Buffer).toString("utf8");
    else texts.push(JSON.parse((data as Buffer).toString("utf8")));
  });
  const refused = new Promise<number>((r) => ws.on("unexpected-response", (_req, res) => r(res.statusCode ?? 0)));
  const closed = new Promise<void>((r) => ws.on("close", () => r()));
  ws.on("error", () => undefined);
  return {
    ws, refused, closed,
    output: () => output,
    texts,
    ready: () => waitUntil(async () => texts.find((t) => t.type === "ready") ?? (texts.find((t) => t.type === "exit") && Promise.reject(new Error(JSON.stringify(texts)))), 20_000, "the console to be ready"),
    type: (s: string) => ws.send(JSON.stringify({ type: "input", data: s })),
  };
}

async function openConsole(a: { cookie: string; csrf: string }, body: Record<string, unknown> = {}) {
  const r = await ticketFor(a, serviceId, body);
  expect(r.status, r.text).toBe(201);
  const c = connect((r.body as ConsoleTicket).ticket, a);
  await c.ready();
  return c;
}

async function containerIdOf(id: string): Promise<string> {
  const row = await waitUntil(() => cp.t.db.containerState.findFirst({ where: { serviceId: id, state: "running" } }), 20_000, "the container row");
  return row.containerId;
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  const sessionRole = await cp.t.db.user.findUniqueOrThrow({ where: { id: cp.userId } });
  expect(sessionRole.role).toBe("admin");
  auth.admin = await sessionFor("admin");
  auth.operator = await sessionFor("operator");
  auth.viewer = await sessionFor("viewer");
  host = await enrolledAgent(cp, `${PREFIX}host`);
  locked = await enrolledAgent(cp, `${PREFIX}locked`, ["--deny-exec"]);
  const consoles = getExecSessions(() => cp.t.db, (id) => cp.hub.session(id));
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => void consoles.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  wsBase = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/exec/connect`;
  const svc = await addService(cp.t.db, { name: `${PREFIX}web`, image, hostId: host.hostId, command: httpdCommand("hello"), env: { GREETING: "hi there", DB_PASSWORD: "hunter2", API_TOKEN: "tok-123" } });
  serviceId = svc.id;
  const other = await addService(cp.t.db, { name: `${PREFIX}locked-web`, image, hostId: locked.hostId, command: httpdCommand("locked") });
  lockedServiceId = other.id;
  expect((await deployAndWait(cp.t.db, serviceId)).status).toBe("succeeded");
  expect((await deployAndWait(cp.t.db, lockedServiceId)).status).toBe("succeeded");
  await containerIdOf(serviceId);
  await containerIdOf(lockedServiceId);
  await waitUntil(async () => (await cp.t.db.host.findUniqueOrThrow({ where: { id: locked.hostId } })).agentPolicy, 10_000, "the locked host's policy");
}, 300_000);

afterAll(async () => {
  await stopExecSessions();
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await host?.agent.kill("SIGKILL");
  await locked?.agent.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

describe("an admin's console", () => {
  it("echo round-trips, exit ends the session with its code, and start and end are audited without keystrokes", async () => {
    const c = await openConsole(auth.admin);
    c.type("echo hello-$((40+2))\r");
    await waitUntil(async () => c.output().includes("hello-42"), 10_000, `echo output, got ${JSON.stringify(c.output())}`);
    c.type("exit 3\r");
    await c.closed;
    expect(c.texts.at(-1)).toMatchObject({ type: "exit", exitCode: 3 });
    const rows = await waitUntil(async () => {
      const r = await cp.t.db.auditEvent.findMany({ where: { targetId: serviceId, action: { startsWith: "service.console" } }, orderBy: { at: "asc" } });
      return r.length >= 2 && r;
    }, 10_000, "the console's audit rows");
    expect(rows.map((r) => r.action)).toEqual(["service.console.open", "service.console.close"]);
    expect(rows[0]).toMatchObject({ actorName: `${PREFIX}admin`, targetType: "service" });
    const details = JSON.parse(rows[0]!.details ?? "{}");
    expect(details).toMatchObject({ command: ["/bin/sh"], container: `${PREFIX}web` });
    expect(JSON.parse(rows[1]!.details ?? "{}")).toMatchObject({ reason: "exited", exitCode: 3 });
    for (const r of rows) expect(r.details).not.toContain("hello");
  });

  it("the exec's process is killed when the browser goes away mid-command (no orphan)", async () => {
    const c = await openConsole(auth.admin);
    c.type("sleep 7777\r");
    const container = docker.getContainer(await containerIdOf(serviceId));
    const sleeping = async () => ((await container.top()).Processes ?? []).some((p: string[]) => p.join(" ").includes("sleep 7777"));
    await waitUntil(sleeping, 10_000, "sleep to run in the container");
    c.ws.terminate(); // the tab is closed without a goodbye
    await waitUntil(async () => !(await sleeping()), 15_000, "the console's processes to be gone");
    const shells = ((await container.top()).Processes ?? []).filter((p: string[]) => /(^|\s)\/bin\/sh$/.test(p.join(" ")));
    expect(shells).toEqual([]);
    await waitUntil(async () => getExecSessions(() => cp.t.db, (id) => cp.hub.session(id)).open === 0, 10_000, "the session to be forgotten");
  });

  it("runs the chosen command as the chosen user", async () => {
    const c = await openConsole(auth.admin, { command: ["sh"], user: "1234:1234" });
    c.type("echo uid=$(id -u)\r");
    await waitUntil(async () => c.output().includes("uid=1234"), 10_000, `id output, got ${JSON.stringify(c.output())}`);
    c.ws.close();
    await c.closed;
  });
});

describe("bounds", () => {
  it("a client that floods input is cut off and its session forgotten", async () => {
    const c = await openConsole(auth.admin);
    for (let i = 0; i < 400; i++) c.type(":");
    await c.closed;
    expect(c.texts.at(-1)).toMatchObject({ type: "exit", reason: expect.stringMatching(/faster than anyone types/) });
    await waitUntil(async () => getExecSessions(() => cp.t.db, (id) => cp.hub.session(id)).open === 0, 10_000, "the session to be forgotten");
  });
});

describe("who may open a console", () => {
  it("operators, viewers and tokens without admin get 403 and no ticket", async () => {
    for (const role of ["operator", "viewer"] as const) {
      const r = await ticketFor(auth[role]);
      expect(r.status, role).toBe(403);
      expect(errorOf(r).code).toBe("forbidden");
      expect(r.body).not.toHaveProperty("ticket");
    }
    for (const scopes of [["read"], ["write"]] as const) {
      const { token } = await createApiToken(cp.t.db, { userId: cp.userId, name: `t-${scopes[0]}`, scopes: [...scopes], expiresAt: null });
      expect((await ticketFor({ bearer: token })).status, scopes[0]).toBe(403);
    }
  });

  it("an admin API token may open one (scripts), but only with the token that asked", async () => {
    const r = await ticketFor({ bearer: cp.apiToken });
    expect(r.status, r.text).toBe(201);
    const stolen = connect((r.body as ConsoleTicket).ticket, { ...auth.admin }); // another principal presents it
    expect(await stolen.refused).toBe(403);
    const r2 = await ticketFor({ bearer: cp.apiToken });
    const c = connect((r2.body as ConsoleTicket).ticket, { bearer: cp.apiToken, origin: null });
    await c.ready();
    c.type("echo via-token\r");
    await waitUntil(async () => c.output().includes("via-token"), 10_000, "token console output");
    c.ws.close();
  });

  it("a cross-site page, a missing CSRF token, a reused ticket and no session are refused at the upgrade", async () => {
    const fresh = async () => ((await ticketFor(auth.admin)).body as ConsoleTicket).ticket;
    expect(await connect(await fresh(), { ...auth.admin, origin: "https://evil.example" }).refused).toBe(403);
    expect(await connect(await fresh(), { cookie: auth.admin.cookie, csrf: "" }).refused).toBe(403);
    expect(await connect(await fresh(), { cookie: auth.admin.cookie, csrf: auth.admin.csrf, origin: null }).refused).toBe(403);
    expect(await connect(await fresh(), {}).refused).toBe(401);
    const once = await fresh();
    const first = connect(once, auth.admin);
    await first.ready();
    expect(await connect(once, auth.admin).refused).toBe(403);
    first.ws.close();
    // A viewer holding an admin's ticket (leaked URL) gets nothing either.
    expect(await connect(await fresh(), auth.viewer).refused).toBe(403);
  });

  it("a host whose owner runs the agent with --deny-exec refuses, and the API says why", async () => {
    const r = await ticketFor(auth.admin, lockedServiceId);
    expect(r.status).toBe(403);
    expect(errorOf(r).message).toMatch(/deny-exec/);
  });
});

describe("inspect", () => {
  const inspect = async (a: { cookie: string; csrf: string }) => {
    const r = await call(inspectGET, `/api/v1/services/${serviceId}/inspect`, { auth: a }, { id: serviceId });
    expect(r.status, r.text).toBe(200);
    return r.body as ContainerInspectView;
  };
  const env = (v: ContainerInspectView, name: string) => v.config.env.find((e) => e.name === name);

  it("an admin sees config, networks and env values, with secret-looking values masked", async () => {
    const v = await inspect(auth.admin);
    expect(v.name).toBe(`${PREFIX}web`);
    expect(v.state.running).toBe(true);
    expect(v.networks.length).toBeGreaterThan(0);
    expect(env(v, "GREETING")).toEqual({ name: "GREETING", value: "hi there", masked: false });
    expect(env(v, "DB_PASSWORD")).toEqual({ name: "DB_PASSWORD", value: null, masked: true });
    expect(env(v, "API_TOKEN")?.value).toBeNull();
    expect(JSON.stringify(v)).not.toMatch(/hunter2|tok-123/);
  });

  it("operators and viewers see env names only", async () => {
    for (const role of ["operator", "viewer"] as const) {
      const v = await inspect(auth[role]);
      expect(v.valuesShown).toBe(false);
      expect(env(v, "GREETING")).toEqual({ name: "GREETING", value: null, masked: true });
      expect(JSON.stringify(v)).not.toMatch(/hi there|hunter2|tok-123/);
    }
  });
});

// Last: it stops the agent.
describe("when the agent goes away", () => {
  it("the browser is told, and the agent killed the console's process on its way out", async () => {
    const c = await openConsole(auth.admin);
    c.type("sleep 8888\r");
    const container = docker.getContainer(await containerIdOf(serviceId));
    const sleeping = async () => ((await container.top()).Processes ?? []).some((p: string[]) => p.join(" ").includes("sleep 8888"));
    await waitUntil(sleeping, 10_000, "sleep to run in the container");
    await host.agent.kill("SIGTERM");
    await c.closed;
    expect(c.texts.at(-1)).toMatchObject({ type: "exit", reason: expect.stringMatching(/agent/) });
    expect(await sleeping()).toBe(false);
  });
});
