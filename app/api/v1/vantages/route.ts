import { route, json, parseBody } from "@/lib/api";
import { listVantages, upsertVantage, VantageUpsertSchema } from "@/lib/probes";

export const GET = route("read", async ({ db }) => json({ items: await listVantages(db) }));

/** Adds or renames a vantage point (the agent hub does this for agents; admins may too). */
export const POST = route("admin", async ({ req, db }) => json(await upsertVantage(db, await parseBody(req, VantageUpsertSchema)), 201));
