// The agent WebSocket's door: an HTTP upgrade is throttled per address, its credentials checked,
// and it is refused (401, 409, 429) before any WebSocket exists, or handed to the hub. Attempts
// are numbered on arrival, before the (slow) check: one that a newer, already attached attempt
// overtook is refused, and a socket the agent gave up on while it was checked is never attached,
// so an agent's abandoned connection cannot close its newer working session. Only verified
// attempts attach, so someone who merely knows a host id cannot push its agent out.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { agentConnectRetryAfterMs, recordRefusedAgentConnection } from "@/lib/auth";
import type { verifyAgentCredentials } from "./enrollment";
import type { PenaltyBox } from "./limits";

export interface AgentDoorHub {
  db: () => Db;
  verify: typeof verifyAgentCredentials;
  penalties: PenaltyBox;
  /** Whether a newer attempt of this host already holds an open session. */
  overtaken(hostId: string): boolean;
  count(what: "abandoned" | "superseded"): void;
  /** Completes the upgrade and attaches the session. */
  upgrade(hostId: string): void;
}

const refuse = (socket: Duplex, status: string, extra = "") => socket.end(`HTTP/1.1 ${status}\r\n${extra}connection: close\r\ncontent-length: 0\r\n\r\n`);
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function admitAgentUpgrade(req: IncomingMessage, socket: Duplex, hub: AgentDoorHub): Promise<void> {
  const ip = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? null;
  // An address that keeps failing is turned away before any work (per-address throttle).
  const wait = agentConnectRetryAfterMs(ip);
  if (wait > 0) return void refuse(socket, "429 Too Many Requests", `retry-after: ${Math.ceil(wait / 1000)}\r\n`);
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
  let gone = false;
  const onGone = () => (gone = true);
  socket.once("close", onGone);
  socket.once("end", onGone);
  let host;
  try {
    host = await hub.verify(hub.db(), bearer);
  } catch (err) {
    log.error("hub", "agent authentication failed", { error: errorText(err) });
  } finally {
    socket.off("close", onGone);
    socket.off("end", onGone);
  }
  if (!host) {
    log.warn("hub", "refused an agent connection", { ip });
    refuse(socket, "401 Unauthorized");
    const agentId = /^([a-z0-9]{8,40})\./i.exec(bearer)?.[1] ?? null;
    await recordRefusedAgentConnection(hub.db(), { ip, userAgent: req.headers["user-agent"] ?? null, reason: bearer ? "invalid or revoked credentials" : "no credentials", agentId }).catch(
      (err: unknown) => log.warn("hub", "could not record a refused connection", { error: errorText(err) }),
    );
    return;
  }
  const hostId = host.id;
  // Refusals above are recorded even for a socket already gone (the throttle must count them).
  if (gone || socket.destroyed || !socket.writable) {
    socket.destroy();
    hub.count("abandoned");
    log.info("hub", "an agent gave up on its connection while it was checked; not attached", { hostId });
    return;
  }
  if (hub.overtaken(hostId)) {
    // The agent has connected again since: this older attempt must not replace the newer session.
    hub.count("superseded");
    refuse(socket, "409 Conflict");
    log.info("hub", "refused an agent connection overtaken by a newer one", { hostId });
    return;
  }
  const penalty = hub.penalties.remainingMs(hostId);
  if (penalty > 0) return void refuse(socket, "429 Too Many Requests", `retry-after: ${Math.ceil(penalty / 1000)}\r\n`);
  hub.upgrade(hostId);
}
