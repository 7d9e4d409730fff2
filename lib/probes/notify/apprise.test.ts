// Apprise-style URLs into a kind's config and secret: each supported form lands in a config the
// kind's own schema accepts, and anything else is refused with a reason.
import { describe, expect, it } from "vitest";
import { CHANNEL_CATALOG } from "./catalog";
import { parseAppriseUrl } from "./apprise";

const good: { url: string; kind: string; config: Record<string, unknown>; secret: string }[] = [
  { url: "gotify://gotify.home.example/AbCdEf123", kind: "gotify", config: { url: "http://gotify.home.example" }, secret: "AbCdEf123" },
  { url: "gotifys://gotify.home.example:8443/sub/path/AbCdEf123", kind: "gotify", config: { url: "https://gotify.home.example:8443/sub/path" }, secret: "AbCdEf123" },
  { url: "matrixs://bot:syt_abc@matrix.home.example/%21room42:matrix.home.example", kind: "matrix", config: { homeserver: "https://matrix.home.example", roomId: "!room42:matrix.home.example" }, secret: "syt_abc" },
  { url: "matrix://syt_abc@192.168.1.20:8008/!r:hs", kind: "matrix", config: { homeserver: "http://192.168.1.20:8008", roomId: "!r:hs" }, secret: "syt_abc" },
  { url: "discord://123456789012345678/tok_EN-abc", kind: "discord", config: { url: "https://discord.com/api/webhooks/123456789012345678" }, secret: "tok_EN-abc" },
  { url: "https://discord.com/api/webhooks/123456789012345678/tok_EN-abc", kind: "discord", config: { url: "https://discord.com/api/webhooks/123456789012345678" }, secret: "tok_EN-abc" },
  { url: "tgram://123456:ABCdefGHIjklMNOpqrSTUvwx/-1001234567890", kind: "telegram", config: { chatId: "-1001234567890", apiUrl: "https://api.telegram.org" }, secret: "123456:ABCdefGHIjklMNOpqrSTUvwx" },
  { url: "slack://T0001/B0001/SlackKey123", kind: "slack", config: { url: "https://hooks.slack.com/services/T0001/B0001" }, secret: "SlackKey123" },
  { url: "https://hooks.slack.com/services/T0001/B0001/SlackKey123", kind: "slack", config: { url: "https://hooks.slack.com/services/T0001/B0001" }, secret: "SlackKey123" },
  { url: "pover://uQiRzpo4DXghDmr9QzzfQu27cmVRsG@azGDORePK8gMaC0QOYAMyEEuzJnyUi", kind: "pushover", config: { userKey: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", apiUrl: "https://api.pushover.net" }, secret: "azGDORePK8gMaC0QOYAMyEEuzJnyUi" },
];

describe("parseAppriseUrl", () => {
  for (const g of good) {
    it(`reads ${g.url.split("://")[0]}:// into a ${g.kind} channel its schema accepts`, () => {
      const r = parseAppriseUrl(`  ${g.url}  `);
      expect(r).toEqual({ ok: true, channel: { kind: g.kind, config: g.config, secret: g.secret } });
      if (!r.ok) return;
      const parsed = CHANNEL_CATALOG[r.channel.kind].configSchema.safeParse(r.channel.config);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
  }

  const bad: [string, RegExp][] = [
    ["mailto://me@example.com", /mailto:\/\/ is not supported; Homeport reads gotify:\/\//],
    ["json://192.0.2.1/hook", /not supported/],
    ["https://example.com/hook", /use the Webhook kind/],
    ["tgram://not-a-token/123", /tgram:\/\/bot_token\/chat_id/],
    ["tgram://123456:ABCdefGHIjklMNOpqrSTUvwx/1/2", /one chat/],
    ["discord://abc/def", /discord:\/\/webhook_id\/webhook_token/],
    ["pover://short@short", /pover:\/\/user_key@app_token/],
    ["matrix://tok@hs.example/#alerts:hs.example", /matrix:\/\/|room's ID/],
    ["matrixs://tok@hs.example/%23alerts:hs.example", /room's ID/],
    ["gotify://host", /gotify:\/\/host/],
    ["not a url", /no spaces|not a URL/],
    ["", /paste/],
  ];
  for (const [url, why] of bad) {
    it(`refuses ${JSON.stringify(url)} with a reason`, () => {
      const r = parseAppriseUrl(url);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(why);
    });
  }
});
