import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createTunnel, listTunnels, TunnelCreateSchema } from "@/lib/tunnel";

export const GET = route("read", async ({ db }) => json({ items: await listTunnels(db) }));

// admin: a tunnel's mode, API address, account and host decide where its credentials go.
export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createTunnel(db, await parseBody(req, TunnelCreateSchema), actorForAudit(actor), meta), 201),
);
