// Apprise-style notification URLs (https://github.com/caronc/apprise/wiki) for the kinds Homeport
// has, turned into that kind's config and secret: gotify(s)://, matrix(s)://, discord://, tgram://,
// slack://, pover://, and Discord's and Slack's own webhook URLs. Anything else is refused with
// the list. Browser-safe: the channel form fills itself from a pasted URL.
import type { ChannelKind } from "./catalog";
import { DISCORD_API } from "./discord/descriptor";
import { SLACK_HOOKS } from "./slack/descriptor";
import { TELEGRAM_API } from "./telegram/descriptor";
import { PUSHOVER_API } from "./pushover/descriptor";

export interface AppriseChannel {
  kind: ChannelKind;
  config: Record<string, unknown>;
  secret: string;
}

export type AppriseResult = { ok: true; channel: AppriseChannel } | { ok: false; error: string };

export const APPRISE_SCHEMES = ["gotify://", "gotifys://", "matrix://", "matrixs://", "discord://", "tgram://", "slack://", "pover://"] as const;
const SUPPORTED = `${APPRISE_SCHEMES.join(", ")} or a Discord or Slack webhook URL`;
const MAX_URL_CHARS = 2048;

const fail = (error: string): AppriseResult => ({ ok: false, error });
const ok = (kind: ChannelKind, config: Record<string, unknown>, secret: string): AppriseResult => ({ ok: true, channel: { kind, config, secret } });
const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** host[:port] as Apprise writes it: a name, IPv4 or [IPv6], optional port. */
const HOST = String.raw`((?:\[[0-9A-Fa-f:.]+\])|[A-Za-z0-9.-]+)(?::(\d{1,5}))?`;

export function parseAppriseUrl(input: string): AppriseResult {
  const url = input.trim();
  if (url.length === 0) return fail("paste a notification URL");
  if (url.length > MAX_URL_CHARS) return fail("that URL is too long");
  if (/\s/.test(url)) return fail("a notification URL has no spaces");
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return fail(`not a URL; Homeport reads ${SUPPORTED}`);
  const rest = url.slice(scheme.length + 3).split(/[?#]/)[0]!;

  if (scheme === "https" || scheme === "http") {
    const discord = /^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/(\d{5,25})\/([A-Za-z0-9_-]{1,100})\/?$/.exec(url.split("?")[0]!);
    if (discord) return ok("discord", { url: `${DISCORD_API}/${discord[1]}` }, discord[2]!);
    const slack = /^https:\/\/hooks\.slack\.com\/services\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/?$/.exec(url.split("?")[0]!);
    if (slack) return ok("slack", { url: `${SLACK_HOOKS}/${slack[1]}/${slack[2]}` }, slack[3]!);
    return fail(`a plain web address is not a notification URL (use the Webhook kind for it); Homeport reads ${SUPPORTED}`);
  }

  switch (scheme) {
    case "gotify":
    case "gotifys": {
      const m = new RegExp(`^${HOST}((?:/[^/]+)*)/([A-Za-z0-9._-]+)/?$`).exec(rest);
      if (!m) return fail("gotify://host[:port][/path]/token");
      const base = `${scheme === "gotifys" ? "https" : "http"}://${m[1]}${m[2] ? `:${m[2]}` : ""}${m[3] ?? ""}`;
      return ok("gotify", { url: base }, m[4]!);
    }
    case "matrix":
    case "matrixs": {
      // [user:]token@host[:port]/room — the room as !id:server (its "!" may be %21-encoded).
      const m = new RegExp(`^(?:[^:@/]*:)?([^:@/]+)@${HOST}/([^/]+)/?$`).exec(rest);
      if (!m) return fail("matrix://[user:]token@host[:port]/!roomid:server");
      const token = decode(m[1]!);
      const room = decode(m[4]!);
      if (!token || !room) return fail("the URL's escapes are malformed");
      if (!room.startsWith("!")) return fail("use the room's ID (!…:server, Room settings → Advanced), not an alias");
      const homeserver = `${scheme === "matrixs" ? "https" : "http"}://${m[2]}${m[3] ? `:${m[3]}` : ""}`;
      return ok("matrix", { homeserver, roomId: room }, token);
    }
    case "discord": {
      const m = /^(\d{5,25})\/([A-Za-z0-9_-]{1,100})\/?$/.exec(rest);
      if (!m) return fail("discord://webhook_id/webhook_token");
      return ok("discord", { url: `${DISCORD_API}/${m[1]}` }, m[2]!);
    }
    case "tgram": {
      const m = /^(\d{1,20}:[A-Za-z0-9_-]{20,100})\/(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})\/?$/.exec(rest);
      if (!m) return fail("tgram://bot_token/chat_id (one chat)");
      return ok("telegram", { chatId: m[2], apiUrl: TELEGRAM_API }, m[1]!);
    }
    case "slack": {
      const m = /^(?:[^@/]+@)?([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/?$/.exec(rest);
      if (!m) return fail("slack://TokenA/TokenB/TokenC (an incoming webhook's three parts)");
      return ok("slack", { url: `${SLACK_HOOKS}/${m[1]}/${m[2]}` }, m[3]!);
    }
    case "pover": {
      const m = /^([A-Za-z0-9]{30})@([A-Za-z0-9]{30})\/?$/.exec(rest);
      if (!m) return fail("pover://user_key@app_token");
      return ok("pushover", { userKey: m[1], apiUrl: PUSHOVER_API }, m[2]!);
    }
    default:
      return fail(`${scheme}:// is not supported; Homeport reads ${SUPPORTED}`);
  }
}
