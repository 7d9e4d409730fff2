import { z } from "zod";
import { route, json, parseQuery, PageQuerySchema } from "@/lib/api";
import { listIncidents } from "@/lib/probes";

const QuerySchema = PageQuerySchema.extend({
  checkId: z.string().max(64).optional(),
  open: z.enum(["1", "0", "true", "false"]).optional().transform((v) => v === "1" || v === "true"),
});

export const GET = route("read", async ({ req, db }) => json(await listIncidents(db, parseQuery(req, QuerySchema))));
