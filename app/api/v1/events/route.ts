// GET /api/v1/events?hostId=&serviceId=&stats=1 — live state as Server-Sent Events (see lib/events).
// Stats samples come only with a host or service filter, or `stats=1`. The stream ends when the
// session or API token that opened it is revoked, expires or loses `read`.
import { z } from "zod";
import { route, parseQuery } from "@/lib/api";
import { watchCredential } from "@/lib/auth";
import { eventStreamResponse, getEventBus } from "@/lib/events";

const FilterSchema = z.object({
  hostId: z.string().max(64).optional(),
  serviceId: z.string().max(64).optional(),
  stats: z.enum(["0", "1"]).optional().transform((v) => v === "1"),
});

export const dynamic = "force-dynamic";

export const GET = route("read", async ({ req, db, actor }) =>
  eventStreamResponse(getEventBus(), parseQuery(req, FilterSchema), req.signal, { endWhen: (end) => watchCredential(db, actor, end) }),
);
