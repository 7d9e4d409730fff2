import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { ChannelCreateSchema, createChannel, listChannels } from "@/lib/probes";

export const GET = route("read", async ({ db }) => json({ items: await listChannels(db) }));

export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createChannel(db, await parseBody(req, ChannelCreateSchema), actorForAudit(actor), meta), 201),
);
