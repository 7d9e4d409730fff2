// POST /api/v1/services/:id/exec — admin only: a single-use ticket for a console WebSocket into the service's container.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { getAgentHub } from "@/lib/agents";
import { getExecSessions } from "@/lib/agents/exec-sessions";
import { EXEC_WS_PATH, prepareConsole } from "@/lib/agents/exec-tickets";
import { ConsoleOpenSchema } from "@/lib/protocol";
import { IdParamSchema } from "@/lib/inventory";
import { getDb } from "@/lib/db";

export const POST = route<{ id: string }>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  const input = await parseBody(req, ConsoleOpenSchema);
  const hub = getAgentHub();
  const consoles = getExecSessions(getDb, (hostId) => hub.session(hostId));
  const ticket = await prepareConsole(db, id, input, actor, meta, consoles.openFor(actor.userId));
  return json({ ticket: consoles.tickets.issue(ticket), path: EXEC_WS_PATH, expiresAt: new Date(ticket.expiresAt).toISOString() }, 201);
});
