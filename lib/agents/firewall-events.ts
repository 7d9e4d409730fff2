// The hub's handlers for the firewall events agents push (issue 17, proving ground): an unconfirmed
// change the agent reverted by itself is recorded `reverted` and audited.
import { recordAudit } from "@/lib/audit";
import { log } from "@/lib/log";
import type { FirewallEvents } from "@/lib/protocol";
import type { EventHandlerTable } from "./event-handlers";

const REASON: Record<string, string> = {
  deadline: "Homeport did not confirm it before the deadline",
  "agent-start": "the agent found it unconfirmed when it started again",
  shutdown: "the agent stopped before it was confirmed",
};

export const FIREWALL_EVENT_HANDLERS: Pick<EventHandlerTable, keyof typeof FirewallEvents> = {
  "firewall/reverted": {
    rate: "dockerEvent",
    async handle(p, { db, session }) {
      // Only this host's own changes, and only while they are unconfirmed.
      const r = await db.firewallChange.updateMany({
        where: { id: p.changeId, hostId: session.hostId, status: { in: ["pending", "applied"] } },
        data: { status: p.ok ? "reverted" : "failed", revertedAt: new Date(p.at), error: p.ok ? `Reverted by the agent: ${REASON[p.reason]}` : `The agent could not revert it: ${p.error ?? "unknown error"}` },
      });
      log.info("agents", "an agent reverted a firewall change", { hostId: session.hostId, changeId: p.changeId, reason: p.reason, ok: p.ok, recorded: r.count > 0 });
      if (r.count === 0) return;
      await recordAudit(db, {
        actor: { type: "agent", id: session.hostId, name: "agent" },
        action: "firewall.revert",
        target: { type: "host", id: session.hostId },
        details: { changeId: p.changeId, reason: p.reason, ok: p.ok, error: p.error },
      });
    },
  },
};
