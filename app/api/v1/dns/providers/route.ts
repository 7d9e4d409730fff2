import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createProvider, listProviders, ProviderCreateSchema } from "@/lib/dns";

export const GET = route("read", async ({ db }) => json({ items: await listProviders(db), nextCursor: null }));

export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createProvider(db, await parseBody(req, ProviderCreateSchema), actorForAudit(actor), meta), 201),
);
