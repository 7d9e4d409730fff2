// The reachability API through the real route handlers: refused targets at creation, CRUD,
// 1,000 checks in under 2 s, notification channels with sealed secrets and test-send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, issueToken, setupAdmin, type Auth } from "../helpers/api";
import * as checks from "@/app/api/v1/checks/route";
import * as checkItem from "@/app/api/v1/checks/[id]/route";
import * as bulk from "@/app/api/v1/checks/bulk/route";
import * as matrix from "@/app/api/v1/checks/matrix/route";
import * as results from "@/app/api/v1/checks/[id]/results/route";
import * as stats from "@/app/api/v1/checks/[id]/stats/route";
import * as vantages from "@/app/api/v1/vantages/route";
import * as vantageResults from "@/app/api/v1/vantages/[id]/results/route";
import * as channels from "@/app/api/v1/notifications/route";
import * as channelTest from "@/app/api/v1/notifications/[id]/test/route";
import * as deliveries from "@/app/api/v1/notifications/[id]/deliveries/route";
import { ensureControlPlaneVantage } from "@/lib/probes";
import { startSmtpSink, startWebhookReceiver, type WebhookReceiver } from "./helpers/servers";

let t: TestDb;
let admin: Auth;
let writer: Auth;
let reader: Auth;
let hook: WebhookReceiver;

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  writer = { bearer: (await issueToken(admin, ["write"])).token };
  reader = { bearer: (await issueToken(admin, ["read"])).token };
  await ensureControlPlaneVantage(t.db);
  hook = await startWebhookReceiver();
});
afterAll(async () => {
  await hook.close();
  await t.cleanup();
});

describe("creating checks", () => {
  const refused: { desc: string; body: unknown; path: string }[] = [
    { desc: "file:// URL", body: { name: "x", type: "http", target: { url: "file:///etc/passwd" } }, path: "target.url" },
    { desc: "gopher:// URL", body: { name: "x", type: "http", target: { url: "gopher://192.0.2.1/" } }, path: "target.url" },
    { desc: "cloud metadata URL", body: { name: "x", type: "http", target: { url: "http://169.254.169.254/latest/meta-data/" } }, path: "target.url" },
    { desc: "IPv6 metadata URL", body: { name: "x", type: "https", target: { url: "https://[fd00:ec2::254]/" } }, path: "target.url" },
    { desc: "TCP to link-local", body: { name: "x", type: "tcp", target: { host: "169.254.10.1", port: 22 } }, path: "target.host" },
    { desc: "unknown check type", body: { name: "x", type: "icmp", target: { host: "192.0.2.1" } }, path: "type" },
    { desc: "TCP to Caddy's admin API port", body: { name: "x", type: "tcp", target: { host: "192.0.2.2", port: 2019 } }, path: "target.port" },
    { desc: "TCP to Docker's API", body: { name: "x", type: "tcp", target: { host: "192.0.2.2", port: 2375 } }, path: "target.port" },
    { desc: "TLS to Docker's TLS API", body: { name: "x", type: "tls", target: { host: "192.0.2.2", port: 2376 } }, path: "target.port" },
    { desc: "HTTP to Caddy's admin API", body: { name: "x", type: "http", target: { url: "http://127.0.0.1:2019/stop" } }, path: "target.url" },
    { desc: "IPv4-mapped metadata URL", body: { name: "x", type: "http", target: { url: "http://[::ffff:a9fe:a9fe]/" } }, path: "target.url" },
    { desc: "TCP to metadata as one number", body: { name: "x", type: "tcp", target: { host: "2852039166", port: 80 } }, path: "target.host" },
  ];
  for (const c of refused) {
    it(`refuses a ${c.desc} with 422 and the field`, async () => {
      const r = await call(checks.POST, "/api/v1/checks", { body: c.body, auth: writer });
      expect(r.status, r.text).toBe(422);
      const e = errorOf(r);
      expect(e.code).toBe("invalid");
      expect(e.issues?.map((i) => i.path).join(" ")).toContain(c.path);
    });
  }

  it("a read-only token cannot create", async () => {
    const r = await call(checks.POST, "/api/v1/checks", { body: { name: "x", type: "tcp", target: { host: "192.0.2.1", port: 22 } }, auth: reader });
    expect(r.status).toBe(403);
  });

  it("creates, reads, changes and deletes a check", async () => {
    const created = await call(checks.POST, "/api/v1/checks", { body: { name: "nas ssh", type: "tcp", target: { host: "192.0.2.5", port: 22 }, intervalSec: 30 }, auth: writer });
    expect(created.status, created.text).toBe(201);
    const view = created.body as { id: string; description: string; vantages: string[]; status: string };
    expect(view).toMatchObject({ description: "tcp 192.0.2.5:22", vantages: [], status: "unknown" });
    const patched = await call(checkItem.PATCH, `/api/v1/checks/${view.id}`, { method: "PATCH", body: { type: "http", target: { url: "http://192.0.2.5/" }, vantages: ["kind:lan"] }, auth: writer }, { id: view.id });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ type: "http", description: "GET http://192.0.2.5/", vantages: ["kind:lan"] });
    const badPatch = await call(checkItem.PATCH, `/api/v1/checks/${view.id}`, { method: "PATCH", body: { type: "http", target: { url: "http://169.254.169.254/" } }, auth: writer }, { id: view.id });
    expect(badPatch.status).toBe(422);
    const got = await call(checkItem.GET, `/api/v1/checks/${view.id}`, { auth: reader }, { id: view.id });
    expect(got.status).toBe(200);
    const del = await call(checkItem.DELETE, `/api/v1/checks/${view.id}`, { method: "DELETE", auth: writer }, { id: view.id });
    expect(del.status).toBe(204);
    expect((await call(checkItem.GET, `/api/v1/checks/${view.id}`, { auth: reader }, { id: view.id })).status).toBe(404);
  });

  it("creates 1,000 checks through the API in under 2 s (bulk endpoint)", async () => {
    const body = { checks: Array.from({ length: 1000 }, (_, i) => ({ name: `svc-${i}`, type: "tcp", target: { host: `192.0.2.${(i % 250) + 1}`, port: 1000 + i } })) };
    const t0 = performance.now();
    const r = await call(bulk.POST, "/api/v1/checks/bulk", { body, auth: writer });
    const elapsed = performance.now() - t0;
    expect(r.status, r.text.slice(0, 300)).toBe(201);
    expect(r.body).toMatchObject({ created: 1000 });
    expect(elapsed).toBeLessThan(2000);
    expect(await t.db.check.count({ where: { name: { startsWith: "svc-" } } })).toBe(1000);
    // One audit row for the batch.
    expect(await t.db.auditEvent.count({ where: { action: "check.bulk_create" } })).toBe(1);
  });

  it("a bulk request with one refused target creates nothing", async () => {
    const before = await t.db.check.count();
    const r = await call(bulk.POST, "/api/v1/checks/bulk", { body: { checks: [{ name: "ok", type: "tcp", target: { host: "192.0.2.1", port: 1 } }, { name: "bad", type: "http", target: { url: "http://169.254.169.254/" } }] }, auth: writer });
    expect(r.status).toBe(422);
    expect(await t.db.check.count()).toBe(before);
  });
});

describe("results, matrix and stats", () => {
  it("a vantage point reports over HTTP; history pages; stats and the matrix show it", async () => {
    const created = await call(checks.POST, "/api/v1/checks", { body: { name: "web", type: "http", target: { url: "http://192.0.2.80/" } }, auth: writer });
    const id = (created.body as { id: string }).id;
    const v = await call(vantages.POST, "/api/v1/vantages", { body: { id: "vps-1", name: "VPS", kind: "remote" }, auth: admin });
    expect(v.status, v.text).toBe(201);
    const now = Date.now();
    const rs = Array.from({ length: 5 }, (_, i) => ({
      checkId: id, at: new Date(now - (5 - i) * 1000).toISOString(), ok: i !== 2, errorClass: i === 2 ? "timeout" : null, message: null, latencyMs: 10 + i,
      timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2 }, statusCode: 200, tls: null, answers: null,
    }));
    const posted = await call(vantageResults.POST, "/api/v1/vantages/vps-1/results", { body: { results: rs }, auth: writer }, { id: "vps-1" });
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body).toMatchObject({ stored: 5 });

    const page1 = await call(results.GET, `/api/v1/checks/${id}/results?limit=3`, { auth: reader }, { id });
    const p1 = page1.body as { items: { id: number; latencyMs: number }[]; nextCursor: number };
    expect(p1.items.map((x) => x.latencyMs)).toEqual([14, 13, 12]);
    const page2 = await call(results.GET, `/api/v1/checks/${id}/results?limit=3&before=${p1.nextCursor}`, { auth: reader }, { id });
    expect((page2.body as { items: unknown[]; nextCursor: unknown }).items).toHaveLength(2);

    const st = await call(stats.GET, `/api/v1/checks/${id}/stats?window=24h`, { auth: reader }, { id });
    expect(st.body).toMatchObject({ uptime: { "vps-1": { "24h": 80, "7d": 80, "30d": 80 } } });

    const m = await call(matrix.GET, "/api/v1/checks/matrix?limit=200&q=web", { auth: reader });
    const body = m.body as { vantages: { id: string }[]; rows: { check: { id: string }; status: string; cells: ({ status: string } | null)[] }[] };
    expect(body.vantages.map((x) => x.id)).toEqual(["control-plane", "vps-1"]);
    const row = body.rows.find((r) => r.check.id === id)!;
    expect(row.cells[1]).toMatchObject({ status: "up" });
    expect(row.cells[0]).toMatchObject({ status: "unknown" });
  });
});

describe("notification channels", () => {
  it("keeps secrets sealed and never returns them", async () => {
    const r = await call(channels.POST, "/api/v1/notifications", {
      body: { name: "mail", kind: "email", config: { host: "127.0.0.1", port: 2525, from: "homeport@home.example", to: ["me@home.example"], username: "homeport" }, secret: "smtp-password-123" },
      auth: admin,
    });
    expect(r.status, r.text).toBe(201);
    expect(r.text).not.toContain("smtp-password-123");
    expect(r.body).toMatchObject({ hasSecret: true });
    const row = await t.db.notificationChannel.findFirstOrThrow({ where: { name: "mail" } });
    expect(row.secret).not.toContain("smtp-password-123");
    expect(row.secret).toMatch(/^v1\./);
  });

  it("refuses a webhook to the metadata address", async () => {
    const r = await call(channels.POST, "/api/v1/notifications", { body: { name: "evil", kind: "webhook", config: { url: "http://169.254.169.254/" } }, auth: admin });
    expect(r.status).toBe(422);
  });

  const refusedChannels: { desc: string; body: unknown; path: string; mentions: string }[] = [
    { desc: "a webhook to IPv4-mapped metadata", body: { name: "evil-1", kind: "webhook", config: { url: "http://[::ffff:a9fe:a9fe]/latest" } }, path: "config.url", mentions: "169.254.169.254" },
    { desc: "ntfy at Docker's API", body: { name: "evil-2", kind: "ntfy", config: { url: "http://192.0.2.2:2375", topic: "x" } }, path: "config.url", mentions: "Docker" },
    { desc: "email through Caddy's admin API port", body: { name: "evil-3", kind: "email", config: { host: "192.0.2.2", port: 2019, from: "a@home.example", to: ["b@home.example"] } }, path: "config.port", mentions: "Caddy's admin API" },
  ];
  for (const c of refusedChannels) {
    it(`refuses ${c.desc} with the guard's reason`, async () => {
      const r = await call(channels.POST, "/api/v1/notifications", { body: c.body, auth: admin });
      expect(r.status, r.text).toBe(422);
      expect(errorOf(r).issues?.find((i) => i.path === c.path)?.message).toContain(c.mentions);
    });
  }

  it("test-send reaches a webhook on loopback and the delivery shows as sent", async () => {
    const r = await call(channels.POST, "/api/v1/notifications", { body: { name: "hook", kind: "webhook", config: { url: `${hook.url}/in` }, secret: "tok" }, auth: admin });
    const id = (r.body as { id: string }).id;
    const sent = await call(channelTest.POST, `/api/v1/notifications/${id}/test`, { method: "POST", body: {}, auth: writer }, { id });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({ status: "sent", attempts: 1, event: "test" });
    expect(hook.received.at(-1)).toMatchObject({ headers: { authorization: "Bearer tok" }, body: { event: "test" } });
    const list = await call(deliveries.GET, `/api/v1/notifications/${id}/deliveries`, { auth: reader }, { id });
    expect((list.body as { items: { status: string }[] }).items[0]).toMatchObject({ status: "sent" });
  });

  it("email goes to the configured SMTP server with the sealed password", async () => {
    const smtp = await startSmtpSink();
    try {
      const r = await call(channels.POST, "/api/v1/notifications", {
        body: { name: "smtp-sink", kind: "email", config: { host: "127.0.0.1", port: smtp.port, from: "homeport@home.example", to: ["me@home.example"], username: "homeport" }, secret: "s3cret-pass" },
        auth: admin,
      });
      const id = (r.body as { id: string }).id;
      const sent = await call(channelTest.POST, `/api/v1/notifications/${id}/test`, { method: "POST", body: {}, auth: writer }, { id });
      expect(sent.body, sent.text).toMatchObject({ status: "sent" });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toMatchObject({ from: "homeport@home.example", to: ["me@home.example"] });
      expect(smtp.messages[0]!.data).toContain("Subject: [Homeport] Test from Homeport");
      expect(smtp.auths).toEqual(["homeport:s3cret-pass"]);
    } finally {
      await smtp.close();
    }
  });

  it("a test-send to a dead endpoint answers with the visible failure", async () => {
    const r = await call(channels.POST, "/api/v1/notifications", { body: { name: "ntfy-dead", kind: "ntfy", config: { url: "http://127.0.0.1:9", topic: "homelab" } }, auth: admin });
    const id = (r.body as { id: string }).id;
    const sent = await call(channelTest.POST, `/api/v1/notifications/${id}/test`, { method: "POST", body: {}, auth: writer }, { id });
    expect(sent.body).toMatchObject({ status: "pending", attempts: 1 });
    expect((sent.body as { lastError: string }).lastError).toMatch(/ECONNREFUSED/);
  });
});
