// Gotify, Matrix, Discord, Telegram, Slack and Pushover against a local HTTP server standing in for
// each service's API: method, path, headers and body as the real API expects them; a failing API
// is a failed attempt with a reason (never the secret) that the delivery job retries; the address
// guard refuses admin APIs and metadata addresses for every kind, as it does for webhooks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ORIGIN } from "@/lib/audit";
import { CHANNEL_CATALOG, CHANNEL_PROVIDERS, type NotificationMessage } from "@/lib/probes/notify";
import type { ChannelKind } from "@/lib/probes/notify/catalog";
import { createChannel } from "@/lib/probes/channels";
import { enqueueDeliveries, processDeliveries, DELIVERY_BACKOFF_MS } from "@/lib/probes/deliveries";
import { ChannelCreateSchema } from "@/lib/probes/schemas";
import { createTestDb, type TestDb } from "../helpers/test-db";

interface Seen { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }
let server: http.Server;
let base = "";
let seen: Seen[] = [];
let failWith: number | null = null;
let tdb: TestDb;

beforeAll(async () => {
  tdb = await createTestDb();
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* not JSON: kept as text */ }
      seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      if (failWith) return void res.writeHead(failWith, { "content-type": "application/json" }).end('{"error":"service unavailable"}');
      res.writeHead(200, { "content-type": "application/json" }).end(req.url?.includes("/send/") ? '{"event_id":"$e"}' : '{"ok":true,"status":1}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await tdb?.cleanup();
});
beforeEach(() => {
  seen = [];
  failWith = null;
});

const opened: NotificationMessage = {
  event: "incident.opened",
  title: "NAS is down",
  text: "NAS fails: timeout (no answer within 10000 ms). Seen from: Control plane.",
  at: "2026-12-06T08:00:00.000Z",
  check: { id: "c1", name: "NAS", description: "tcp 192.168.1.10:445" },
  incident: { id: "inc1", kind: "down", startedAt: "2026-12-06T08:00:00.000Z", endedAt: null, durationMs: null, vantages: ["control-plane"], errorClass: "timeout", message: null },
};
const APP = "https://homeport.home.example";
const LINK = `${APP}/check-in#incident-inc1`;

interface Case { kind: ChannelKind; config: () => Record<string, unknown>; secret: string; expect: (s: Seen) => void }
const cases: Case[] = [
  {
    kind: "gotify", secret: "AgotifyAppToken1", config: () => ({ url: `${base}/gotify`, priority: 7, appUrl: APP }),
    expect: (s) => {
      expect([s.method, s.path]).toEqual(["POST", "/gotify/message"]);
      expect(s.headers["x-gotify-key"]).toBe("AgotifyAppToken1");
      expect(s.headers["content-type"]).toMatch(/^application\/json/);
      expect(s.body).toEqual({ title: "NAS is down", message: opened.text, priority: 7, extras: { "client::notification": { click: { url: LINK } } } });
    },
  },
  {
    kind: "matrix", secret: "syt_bot_token", config: () => ({ homeserver: base, roomId: "!room42:matrix.home.example", appUrl: APP }),
    expect: (s) => {
      expect(s.method).toBe("PUT");
      expect(s.path).toMatch(/^\/_matrix\/client\/v3\/rooms\/!room42%3Amatrix\.home\.example\/send\/m\.room\.message\/[0-9a-f-]{36}$/);
      expect(s.headers.authorization).toBe("Bearer syt_bot_token");
      expect(s.body).toMatchObject({ msgtype: "m.text", format: "org.matrix.custom.html", body: `🔴 NAS is down\n${opened.text}\n${LINK}` });
      expect((s.body as { formatted_body: string }).formatted_body).toContain(`<strong>NAS is down</strong><br>`);
    },
  },
  {
    kind: "discord", secret: "discord_Token-1", config: () => ({ url: `${base}/api/webhooks/123456789012345678`, appUrl: APP }),
    expect: (s) => {
      expect([s.method, s.path]).toEqual(["POST", "/api/webhooks/123456789012345678/discord_Token-1"]);
      expect(s.body).toEqual({
        username: "Homeport",
        allowed_mentions: { parse: [] },
        embeds: [{ title: "🔴 NAS is down", description: opened.text, color: 0xdc2626, timestamp: opened.at, url: LINK }],
      });
    },
  },
  {
    kind: "telegram", secret: "123456:ABCdefGHIjklMNOpqrSTUvwx", config: () => ({ chatId: "-1001234567890", apiUrl: base, appUrl: APP }),
    expect: (s) => {
      expect([s.method, s.path]).toEqual(["POST", "/bot123456:ABCdefGHIjklMNOpqrSTUvwx/sendMessage"]);
      expect(s.body).toEqual({ chat_id: "-1001234567890", text: `🔴 NAS is down\n${opened.text}\n${LINK}`, disable_web_page_preview: true });
    },
  },
  {
    kind: "slack", secret: "SlackKey123", config: () => ({ url: `${base}/services/T0001/B0001`, appUrl: APP }),
    expect: (s) => {
      expect([s.method, s.path]).toEqual(["POST", "/services/T0001/B0001/SlackKey123"]);
      expect(s.body).toMatchObject({ text: "🔴 NAS is down", attachments: [{ color: "#dc2626", title: "NAS is down", title_link: LINK, text: opened.text }] });
    },
  },
  {
    kind: "pushover", secret: "azGDORePK8gMaC0QOYAMyEEuzJnyUi", config: () => ({ userKey: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", priority: 1, apiUrl: base, appUrl: APP }),
    expect: (s) => {
      expect([s.method, s.path]).toEqual(["POST", "/1/messages.json"]);
      expect(s.body).toEqual({ token: "azGDORePK8gMaC0QOYAMyEEuzJnyUi", user: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", title: "NAS is down", message: opened.text, priority: 1, timestamp: 1796544000, url: LINK, url_title: "Open in Homeport" });
    },
  },
];

describe.each(cases)("$kind", (c) => {
  const provider = () => CHANNEL_PROVIDERS[c.kind];
  const config = () => provider().configSchema.parse(c.config());

  it("sends what the service's API expects", async () => {
    await provider().send(config(), c.secret, opened, AbortSignal.timeout(5_000));
    expect(seen).toHaveLength(1);
    c.expect(seen[0]!);
  });

  it("a failing API is a failed attempt with a reason that never holds the secret, then a retry succeeds", async () => {
    const ch = await createChannel(tdb.db, { name: `retry-${c.kind}`, kind: c.kind, enabled: true, config: c.config(), secret: c.secret }, { type: "system", name: "test" }, SYSTEM_ORIGIN);
    await enqueueDeliveries(tdb.db, [ch.id], opened, null);
    failWith = 503;
    const t0 = Date.now();
    await processDeliveries(tdb.db, () => new Date(t0));
    let d = await tdb.db.delivery.findFirstOrThrow({ where: { channelId: ch.id } });
    expect(d).toMatchObject({ status: "pending", attempts: 1 });
    expect(d.lastError).toContain("HTTP 503");
    expect(d.lastError).not.toContain(c.secret);
    // Not retried before its backoff …
    failWith = null;
    seen = [];
    await processDeliveries(tdb.db, () => new Date(t0 + 1_000));
    expect(seen).toHaveLength(0);
    // … and delivered after it.
    await processDeliveries(tdb.db, () => new Date(t0 + DELIVERY_BACKOFF_MS[0]! + 1_000));
    d = await tdb.db.delivery.findFirstOrThrow({ where: { channelId: ch.id } });
    expect(d).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(seen).toHaveLength(1);
    c.expect(seen[0]!);
  });

  it("the address guard refuses metadata addresses and admin APIs as its destination", async () => {
    const urlKey = CHANNEL_CATALOG[c.kind].endpointKeys[0]!;
    const metadata = ChannelCreateSchema.safeParse({ name: "x", kind: c.kind, config: { ...c.config(), [urlKey]: "http://169.254.169.254/latest" }, secret: c.secret });
    expect(metadata.success).toBe(false);
    // A config stored before (or edited in the database) is refused again when sending.
    const docker = { ...(config() as Record<string, unknown>), [urlKey]: urlKey === "url" && c.kind === "discord" ? "http://127.0.0.1:2375/api/webhooks/123456789012345678" : urlKey === "url" && c.kind === "slack" ? "http://127.0.0.1:2375/services/T1/B1" : "http://127.0.0.1:2375" };
    await expect(provider().send(docker as never, c.secret, opened, AbortSignal.timeout(5_000))).rejects.toThrow(/Docker/);
    expect(seen).toHaveLength(0);
  });

  it("a recovery is sent calmly and without an alarm colour", async () => {
    await provider().send(config(), c.secret, { ...opened, event: "incident.resolved", title: "NAS is up again", text: "NAS recovered after 60 s." }, AbortSignal.timeout(5_000));
    const body = JSON.stringify(seen[0]!.body);
    expect(body).toContain("NAS is up again");
    expect(body).not.toContain(String(0xdc2626));
    expect(body).not.toContain("🔴");
  });
});
