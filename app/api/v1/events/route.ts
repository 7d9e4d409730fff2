// GET /api/v1/events?hostId=&serviceId= — live state as Server-Sent Events (see lib/events).
import { z } from "zod";
import { route, parseQuery } from "@/lib/api";
import { eventStreamResponse, getEventBus } from "@/lib/events";

const FilterSchema = z.object({ hostId: z.string().max(64).optional(), serviceId: z.string().max(64).optional() });

export const dynamic = "force-dynamic";

export const GET = route("read", async ({ req }) => eventStreamResponse(getEventBus(), parseQuery(req, FilterSchema), req.signal));
