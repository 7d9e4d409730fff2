// The real server, started twice on the same data dir: data created over HTTP survives a clean
// SIGTERM shutdown and restart.
import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sha256 } from "@/lib/auth/tokens";
import { makeTempDir } from "./helpers/test-db";
import { ServerProcess, assertNextBuild } from "./helpers/server-process";

const temp = makeTempDir("homeport-restart-");
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) s.kill();
  temp.cleanup();
});

const ADMIN = { username: "admin", password: "correct horse battery" };
const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body),
});

async function start(): Promise<ServerProcess> {
  const s = await ServerProcess.start(temp.dir);
  running.push(s);
  return s;
}

describe("restart keeps data", () => {
  it("serves, stops cleanly on SIGTERM and comes back with the same data", { timeout: 180_000 }, async () => {
    assertNextBuild();

    // First start: empty data dir, setup code in the log.
    const first = await start();
    const ready = first.logs.find((l) => l.msg === "database ready");
    expect((ready?.applied as string[] | undefined)?.length).toBeGreaterThan(0);
    const setupLine = first.logs.find((l) => typeof l.setupCode === "string");
    expect(setupLine, first.output).toBeDefined();

    const health = await first.fetch("/api/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok" } });

    const setup = await first.fetch("/api/auth/setup", jsonInit("POST", { setupCode: setupLine!.setupCode, ...ADMIN }, { origin: first.url }));
    expect(setup.status, await setup.clone().text()).toBe(201);
    const cookie = /hp_session=([^;]+)/.exec(setup.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie).toBeTruthy();

    // The CSRF token the dashboard would hold, read from the database as the page would render it.
    const db = new Database(join(temp.dir, "homeport.db"), { readonly: true });
    const { csrfToken } = db.prepare(`SELECT csrfToken FROM Session WHERE tokenHash = ?`).get(sha256(cookie!)) as { csrfToken: string };
    db.close();
    const sessionHeaders = { cookie: `hp_session=${cookie}`, "x-csrf-token": csrfToken, origin: first.url };

    const tokenRes = await first.fetch("/api/v1/tokens", jsonInit("POST", { name: "restart", scopes: ["write"] }, sessionHeaders));
    expect(tokenRes.status).toBe(201);
    const { token } = (await tokenRes.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };

    const svcRes = await first.fetch("/api/v1/services", jsonInit("POST", { name: "survivor", image: "nginx:1.27", ports: [{ container: 80, host: 8080 }] }, bearer));
    expect(svcRes.status, await svcRes.clone().text()).toBe(201);
    const svc = (await svcRes.json()) as { id: string };
    const routeRes = await first.fetch("/api/v1/routes", jsonInit("POST", { hostname: "survivor.home.arpa", serviceId: svc.id, servicePort: 80 }, sessionHeaders));
    expect(routeRes.status, await routeRes.clone().text()).toBe(201);

    // Bad input over real HTTP is a 4xx JSON error too.
    const bad = await first.fetch("/api/v1/services", { method: "POST", headers: { ...bearer, "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_json" } });
    // A client cannot spoof the address that goes into the audit trail.
    await first.fetch("/api/v1/routes", jsonInit("POST", { hostname: "spoof.home.arpa", upstreamUrl: "http://192.0.2.1" }, { ...bearer, "x-homeport-client-ip": "203.0.113.99" }));

    expect(await first.stop()).toBe(0);
    expect(first.logs.some((l) => l.msg === "stopped")).toBe(true);

    // Second start: nothing to migrate, no setup code, same data.
    const second = await start();
    expect(second.logs.find((l) => l.msg === "database ready")?.applied).toEqual([]);
    expect(second.logs.some((l) => typeof l.setupCode === "string")).toBe(false);

    const list = await second.fetch("/api/v1/services", { headers: bearer });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string; name: string; ports: unknown[] }[] }).items).toEqual([
      expect.objectContaining({ id: svc.id, name: "survivor", ports: [{ container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" }], routeCount: 1 }),
    ]);
    const routes = await second.fetch("/api/v1/routes", { headers: bearer });
    expect(((await routes.json()) as { items: { hostname: string }[] }).items.map((r) => r.hostname).sort()).toEqual(["spoof.home.arpa", "survivor.home.arpa"]);
    const me = await second.fetch("/api/auth/me", { headers: { cookie: `hp_session=${cookie}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: ADMIN.username, via: "user" });
    const login = await second.fetch("/api/auth/login", jsonInit("POST", ADMIN, { origin: second.url }));
    expect(login.status).toBe(200);

    const audit = await second.fetch("/api/v1/audit?action=route.create", { headers: { cookie: `hp_session=${cookie}` } });
    const events = ((await audit.json()) as { items: { ip: string | null; actorType: string }[] }).items;
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.ip === "127.0.0.1")).toBe(true);

    expect(await second.stop()).toBe(0);
  });
});
