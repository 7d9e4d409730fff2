// Services and routes through the real route handlers on a real SQLite file: CRUD, pagination,
// filtering, audit rows and every conflict a user can run into.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as servicesGET, POST as servicesPOST } from "@/app/api/v1/services/route";
import { DELETE as serviceDELETE, GET as serviceGET, PATCH as servicePATCH } from "@/app/api/v1/services/[id]/route";
import { GET as routesGET, POST as routesPOST } from "@/app/api/v1/routes/route";
import { DELETE as routeDELETE, GET as routeGET, PATCH as routePATCH } from "@/app/api/v1/routes/[id]/route";
import { GET as auditGET } from "@/app/api/v1/audit/route";
import { GET as hostsGET } from "@/app/api/v1/hosts/route";
import type { ServiceView } from "@/lib/inventory";
import type { RouteView } from "@/lib/routes";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { ADMIN, TEST_IP, call, errorOf, issueToken, setupAdmin, type Auth, type CallResult } from "./helpers/api";

let t: TestDb;
let session: Auth;
let writeToken: { id: string; token: string };
let bearer: Auth;
let userId: string;

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  writeToken = await issueToken(session, ["write"]);
  bearer = { bearer: writeToken.token };
  userId = (await t.db.user.findUniqueOrThrow({ where: { username: ADMIN.username } })).id;
});
afterAll(async () => { await t.cleanup(); });

const createService = (body: unknown, auth: Auth = session) => call(servicesPOST, "/api/v1/services", { body, auth });
const createRoute = (body: unknown, auth: Auth = session) => call(routesPOST, "/api/v1/routes", { body, auth });
const ok201 = <T>(r: CallResult): T => {
  expect(r.status, r.text).toBe(201);
  return r.body as T;
};

async function auditFor(targetId: string) {
  return t.db.auditEvent.findMany({ where: { targetId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

describe("services CRUD", () => {
  it("creates, reads, changes and deletes a service, auditing each change", async () => {
    const created = ok201<ServiceView>(await createService({ name: "Jellyfin", image: "jellyfin/jellyfin:10.9", ports: [{ container: 8096 }], env: { TZ: "UTC" } }));
    expect(created).toMatchObject({
      name: "jellyfin", image: "jellyfin/jellyfin:10.9", env: { TZ: "UTC" }, restartPolicy: "unless-stopped", egress: "open",
      ports: [{ container: 8096, protocol: "tcp", hostIp: "127.0.0.1" }], hostId: null, hostName: null, routeCount: 0,
    });

    const got = await call(serviceGET, `/api/v1/services/${created.id}`, { auth: bearer }, { id: created.id });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);

    const patched = await call(servicePATCH, `/api/v1/services/${created.id}`, { method: "PATCH", body: { image: "jellyfin/jellyfin:10.10", egress: "offline" }, auth: bearer }, { id: created.id });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, name: "jellyfin", image: "jellyfin/jellyfin:10.10", egress: "offline", env: { TZ: "UTC" } });

    const del = await call(serviceDELETE, `/api/v1/services/${created.id}`, { method: "DELETE", auth: session }, { id: created.id });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ removedContainers: [], removedVolumes: [], left: [] });
    const gone = await call(serviceGET, `/api/v1/services/${created.id}`, { auth: session }, { id: created.id });
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe("not_found");

    const audit = await auditFor(created.id);
    expect(audit.map((a) => a.action)).toEqual(["service.create", "service.update", "service.delete"]);
    for (const a of audit) {
      expect(a).toMatchObject({ targetType: "service", targetId: created.id, ip: TEST_IP, userAgent: "vitest", actorName: ADMIN.username });
    }
    expect(audit[0]).toMatchObject({ actorType: "user", actorId: userId });
    expect(audit[1]).toMatchObject({ actorType: "token", actorId: writeToken.id });
    expect(JSON.parse(audit[1]!.details!)).toEqual({ changed: ["image", "egress"] });
    expect(audit[2]).toMatchObject({ actorType: "user", actorId: userId });
  });

  it("answers 404 for unknown and malformed ids", async () => {
    for (const id of ["cmzzzzzzzzzzzzzzzzzzzzzzz", "not-an-id!", "x"]) {
      const r = await call(serviceGET, `/api/v1/services/${encodeURIComponent(id)}`, { auth: session }, { id });
      expect(r.status, id).toBe(404);
      expect(errorOf(r).message).toBe("Service not found");
    }
  });

  it("pages through more than one page with limit and nextCursor, and filters with q", async () => {
    await t.db.route.deleteMany();
    await t.db.service.deleteMany();
    const names = ["media-a", "media-b", "media-c", "media-d", "media-e", "backup"];
    const ids = new Set<string>();
    for (const name of names) ids.add(ok201<ServiceView>(await createService({ name, image: name === "backup" ? "restic/restic" : "nginx" })).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = cursor ? `?limit=4&cursor=${cursor}` : "?limit=4";
      const r = await call(servicesGET, `/api/v1/services${qs}`, { auth: bearer });
      expect(r.status, r.text).toBe(200);
      const page = r.body as { items: ServiceView[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(names.length);
    expect(new Set(seen)).toEqual(ids);
    expect(seen).toEqual([...seen].sort());

    const filtered = await call(servicesGET, "/api/v1/services?q=media-", { auth: session });
    expect((filtered.body as { items: ServiceView[] }).items.map((s) => s.name).sort()).toEqual(["media-a", "media-b", "media-c", "media-d", "media-e"]);
    const byImage = await call(servicesGET, "/api/v1/services?q=restic", { auth: session });
    expect((byImage.body as { items: ServiceView[] }).items.map((s) => s.name)).toEqual(["backup"]);
    const none = await call(servicesGET, "/api/v1/services?q=nothing-like-this", { auth: session });
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it("refuses a bad page query with 400", async () => {
    for (const qs of ["?limit=0", "?limit=201", "?limit=abc", `?q=${"x".repeat(101)}`]) {
      const r = await call(servicesGET, `/api/v1/services${qs}`, { auth: session });
      expect(r.status, qs).toBe(400);
      expect(errorOf(r).code).toBe("bad_request");
    }
  });
});

describe("routes CRUD", () => {
  it("creates, reads, changes and deletes routes to a service and to a URL, auditing each change", async () => {
    const svc = ok201<ServiceView>(await createService({ name: "grafana", image: "grafana/grafana", ports: [{ container: 3000 }, { container: 3001 }] }));
    const r1 = ok201<RouteView>(await createRoute({ hostname: "Grafana.Home.Arpa", serviceId: svc.id, servicePort: 3000 }));
    expect(r1).toMatchObject({ hostname: "grafana.home.arpa", serviceId: svc.id, serviceName: "grafana", servicePort: 3000, upstreamUrl: null, exposure: "lan" });
    const r2 = ok201<RouteView>(await createRoute({ hostname: "nas.home.arpa", upstreamUrl: "http://192.0.2.10:5000", exposure: "both" }, bearer));
    expect(r2).toMatchObject({ serviceId: null, servicePort: null, upstreamUrl: "http://192.0.2.10:5000", exposure: "both" });

    expect((await call(serviceGET, `/api/v1/services/${svc.id}`, { auth: session }, { id: svc.id })).body).toMatchObject({ routeCount: 1 });
    const got = await call(routeGET, `/api/v1/routes/${r1.id}`, { auth: bearer }, { id: r1.id });
    expect(got.body).toEqual(r1);

    // Retarget the URL route to the service: the URL is cleared.
    const moved = await call(routePATCH, `/api/v1/routes/${r2.id}`, { method: "PATCH", body: { serviceId: svc.id, servicePort: 3001 }, auth: session }, { id: r2.id });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ serviceId: svc.id, servicePort: 3001, upstreamUrl: null });
    // And back to a URL: service and port are cleared.
    const back = await call(routePATCH, `/api/v1/routes/${r2.id}`, { method: "PATCH", body: { upstreamUrl: "https://nas.example" }, auth: session }, { id: r2.id });
    expect(back.body).toMatchObject({ serviceId: null, servicePort: null, upstreamUrl: "https://nas.example" });
    // Explicitly unsetting the service with a URL clears the port too.
    await call(routePATCH, `/api/v1/routes/${r2.id}`, { method: "PATCH", body: { serviceId: svc.id, servicePort: 3000 }, auth: session }, { id: r2.id });
    const explicit = await call(routePATCH, `/api/v1/routes/${r2.id}`, { method: "PATCH", body: { serviceId: null, upstreamUrl: "https://nas.example" }, auth: session }, { id: r2.id });
    expect(explicit.status, explicit.text).toBe(200);
    expect(explicit.body).toMatchObject({ serviceId: null, servicePort: null, upstreamUrl: "https://nas.example" });

    const list = await call(routesGET, "/api/v1/routes?q=GRAFANA", { auth: bearer });
    expect((list.body as { items: RouteView[] }).items.map((r) => r.id)).toEqual([r1.id]);

    for (const r of [r1, r2]) {
      const del = await call(routeDELETE, `/api/v1/routes/${r.id}`, { method: "DELETE", auth: bearer }, { id: r.id });
      expect(del.status).toBe(204);
      expect((await call(routeGET, `/api/v1/routes/${r.id}`, { auth: bearer }, { id: r.id })).status).toBe(404);
    }

    const a1 = await auditFor(r1.id);
    expect(a1.map((a) => [a.action, a.actorType])).toEqual([["route.create", "user"], ["route.delete", "token"]]);
    expect(a1.every((a) => a.ip === TEST_IP && a.targetType === "route")).toBe(true);
    expect(JSON.parse(a1[0]!.details!)).toEqual({ hostname: "grafana.home.arpa", exposure: "lan" });
    const a2 = await auditFor(r2.id);
    expect(a2.map((a) => a.action)).toEqual(["route.create", "route.update", "route.update", "route.update", "route.update", "route.delete"]);
    expect(a2[0]).toMatchObject({ actorType: "token", actorId: writeToken.id, actorName: ADMIN.username });
  });

  it("pages routes over more than one page", async () => {
    await t.db.route.deleteMany();
    for (let i = 0; i < 5; i++) ok201(await createRoute({ hostname: `r${i}.home.arpa`, upstreamUrl: `http://192.0.2.${i + 1}` }));
    const first = (await call(routesGET, "/api/v1/routes?limit=3", { auth: session })).body as { items: RouteView[]; nextCursor: string };
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(first.items[2]!.id);
    const second = (await call(routesGET, `/api/v1/routes?limit=3&cursor=${first.nextCursor}`, { auth: session })).body as { items: RouteView[]; nextCursor: string | null };
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((r) => r.hostname)).size).toBe(5);
  });
});

describe("conflicts", () => {
  it("refuses a duplicate service name with 409 (also after lower-casing)", async () => {
    ok201(await createService({ name: "paperless", image: "paperless-ngx/paperless-ngx" }));
    for (const name of ["paperless", "PAPERLESS"]) {
      const r = await createService({ name, image: "nginx" });
      expect(r.status).toBe(409);
      expect(errorOf(r)).toMatchObject({ code: "conflict", message: 'A service named "paperless" already exists' });
    }
    const other = ok201<ServiceView>(await createService({ name: "paperless-2", image: "nginx" }));
    const rename = await call(servicePATCH, `/api/v1/services/${other.id}`, { method: "PATCH", body: { name: "paperless" }, auth: session }, { id: other.id });
    expect(rename.status).toBe(409);
    expect(await t.db.service.count({ where: { name: "paperless" } })).toBe(1);
  });

  it("refuses a hostname already routed, whatever its case or IDN spelling", async () => {
    const svc = ok201<ServiceView>(await createService({ name: "library", image: "nginx", ports: [{ container: 80 }] }));
    ok201(await createRoute({ hostname: "bücher.example", serviceId: svc.id, servicePort: 80 }));
    ok201(await createRoute({ hostname: "wiki.home.arpa", upstreamUrl: "http://192.0.2.20" }));
    const cases: { desc: string; hostname: string; message: string }[] = [
      { desc: "same IDN", hostname: "bücher.example", message: 'xn--bcher-kva.example is already routed to service "library"' },
      { desc: "punycode form", hostname: "xn--bcher-kva.example", message: 'xn--bcher-kva.example is already routed to service "library"' },
      { desc: "upper case and trailing dot", hostname: "BÜCHER.Example.", message: 'xn--bcher-kva.example is already routed to service "library"' },
      { desc: "case only", hostname: "WIKI.home.arpa", message: "wiki.home.arpa is already routed to http://192.0.2.20" },
    ];
    for (const c of cases) {
      const r = await createRoute({ hostname: c.hostname, upstreamUrl: "http://192.0.2.99" });
      expect(r.status, c.desc).toBe(409);
      expect(errorOf(r), c.desc).toMatchObject({ code: "conflict", message: c.message });
    }
    const third = ok201<RouteView>(await createRoute({ hostname: "other.home.arpa", upstreamUrl: "http://192.0.2.30" }));
    const clash = await call(routePATCH, `/api/v1/routes/${third.id}`, { method: "PATCH", body: { hostname: "Wiki.Home.Arpa" }, auth: session }, { id: third.id });
    expect(clash.status).toBe(409);
    expect(errorOf(clash).message).toMatch(/wiki\.home\.arpa is already routed/);
    // Renaming a route to its own name is not a conflict.
    const same = await call(routePATCH, `/api/v1/routes/${third.id}`, { method: "PATCH", body: { hostname: "OTHER.home.arpa" }, auth: session }, { id: third.id });
    expect(same.status).toBe(200);
  });

  it("refuses deleting a service that a route targets, naming the route", async () => {
    const svc = ok201<ServiceView>(await createService({ name: "immich", image: "ghcr.io/immich-app/immich-server:release", ports: [{ container: 2283 }] }));
    const route = ok201<RouteView>(await createRoute({ hostname: "photos.home.arpa", serviceId: svc.id, servicePort: 2283 }));
    const r = await call(serviceDELETE, `/api/v1/services/${svc.id}`, { method: "DELETE", auth: session }, { id: svc.id });
    expect(r.status).toBe(409);
    expect(errorOf(r).message).toMatch(/immich.*photos\.home\.arpa.*Delete or retarget/);
    expect(await t.db.service.findUnique({ where: { id: svc.id } })).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { targetId: svc.id, action: "service.delete" } })).toBe(0);

    // Dropping the routed port is refused as well.
    const drop = await call(servicePATCH, `/api/v1/services/${svc.id}`, { method: "PATCH", body: { ports: [{ container: 80 }] }, auth: session }, { id: svc.id });
    expect(drop.status).toBe(409);
    expect(errorOf(drop).message).toMatch(/photos\.home\.arpa uses port 2283/);

    expect((await call(routeDELETE, `/api/v1/routes/${route.id}`, { method: "DELETE", auth: session }, { id: route.id })).status).toBe(204);
    expect((await call(serviceDELETE, `/api/v1/services/${svc.id}`, { method: "DELETE", auth: session }, { id: svc.id })).status).toBe(200);
  });

  it("refuses a route to a port the service does not expose with 422", async () => {
    const svc = ok201<ServiceView>(await createService({ name: "homeassistant", image: "homeassistant/home-assistant", ports: [{ container: 8123 }] }));
    const r = await createRoute({ hostname: "ha.home.arpa", serviceId: svc.id, servicePort: 8080 });
    expect(r.status).toBe(422);
    expect(errorOf(r)).toMatchObject({ code: "invalid", message: 'Service "homeassistant" does not expose port 8080 (it has 8123)' });
    const unknown = await createRoute({ hostname: "ha2.home.arpa", serviceId: "cmzzzzzzzzzzzzzzzzzzzzzzz", servicePort: 8080 });
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown).message).toBe("The chosen service does not exist");

    const okRoute = ok201<RouteView>(await createRoute({ hostname: "ha.home.arpa", serviceId: svc.id, servicePort: 8123 }));
    const bad = await call(routePATCH, `/api/v1/routes/${okRoute.id}`, { method: "PATCH", body: { servicePort: 9999 }, auth: session }, { id: okRoute.id });
    expect(bad.status).toBe(422);
    expect(await t.db.route.count({ where: { hostname: { in: ["ha2.home.arpa"] } } })).toBe(0);
  });

  it("refuses a published host port that another service on the same host publishes", async () => {
    const nas = await t.db.host.create({ data: { name: "nas" } });
    const pi = await t.db.host.create({ data: { name: "pi" } });
    const listed = await call(hostsGET, "/api/v1/hosts", { auth: bearer });
    expect((listed.body as { items: { name: string }[] }).items.map((h) => h.name).sort()).toEqual(["nas", "pi"]);

    ok201(await createService({ name: "web-a", image: "nginx", hostId: nas.id, ports: [{ container: 80, host: 8080 }] }));
    const clash = await createService({ name: "web-b", image: "nginx", hostId: nas.id, ports: [{ container: 80, host: 8080 }] });
    expect(clash.status).toBe(409);
    expect(errorOf(clash).message).toBe('Host port 8080/tcp is already published by service "web-a"');
    const wildcard = await createService({ name: "web-b", image: "nginx", hostId: nas.id, ports: [{ container: 80, host: 8080, hostIp: "0.0.0.0" }] });
    expect(wildcard.status).toBe(409);

    ok201(await createService({ name: "web-udp", image: "nginx", hostId: nas.id, ports: [{ container: 80, host: 8080, protocol: "udp" }] }));
    ok201(await createService({ name: "web-lan", image: "nginx", hostId: nas.id, ports: [{ container: 80, host: 8080, hostIp: "192.168.1.5" }] }));
    const onPi = ok201<ServiceView>(await createService({ name: "web-pi", image: "nginx", hostId: pi.id, ports: [{ container: 80, host: 8080 }] }));
    expect(onPi).toMatchObject({ hostId: pi.id, hostName: "pi" });

    const move = await call(servicePATCH, `/api/v1/services/${onPi.id}`, { method: "PATCH", body: { hostId: nas.id }, auth: session }, { id: onPi.id });
    expect(move.status).toBe(409);
    expect(errorOf(move).message).toMatch(/8080\/tcp is already published by service "web-a"/);
    expect((await t.db.service.findUniqueOrThrow({ where: { id: onPi.id } })).hostId).toBe(pi.id);

    const noHost = await createService({ name: "web-x", image: "nginx", hostId: "cmzzzzzzzzzzzzzzzzzzzzzzz" });
    expect(noHost.status).toBe(422);
    expect(errorOf(noHost).message).toBe("The chosen host does not exist");
  });
});

describe("audit API", () => {
  it("lists the trail newest first to admins, filtered by action", async () => {
    const r = await call(auditGET, "/api/v1/audit?action=service.&limit=5", { auth: session });
    expect(r.status, r.text).toBe(200);
    const page = r.body as { items: { action: string; at: string; ip: string | null }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).not.toBeNull();
    expect(page.items.every((e) => e.action.startsWith("service."))).toBe(true);
    const times = page.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    const forbidden = await call(auditGET, "/api/v1/audit", { auth: bearer });
    expect(forbidden.status).toBe(403);
  });
});
