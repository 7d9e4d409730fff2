// OpenAPI paths of game days (/gamedays…), from the same zod schemas the handlers use; spread into
// lib/api/openapi.ts.
import { z } from "zod";
import { body, errors, idParam, ok, type Json } from "../openapi-helpers";
import { GameDayOptionsSchema, GameDayPageSchema, GameDayViewSchema, PlanRequestSchema, PlanViewSchema, StartRequestSchema } from "@/lib/gamedays/schemas";

const Started = z.object({ id: z.string(), status: z.string() });

export function gamedaysOpenApiPaths(): Json {
  const tags = ["gamedays"];
  return {
    "/gamedays": {
      get: { tags, summary: "The game days, newest first (the last 100 are kept)", responses: { ...ok(GameDayPageSchema), ...errors(401, 403) } },
      post: {
        tags,
        summary: "Start a game day (admin scope: it breaks the lab on purpose): a real fault on each agent of the scope, armed on the agent's dead-man's switch so it reverts at the deadline whatever happens to the control plane. 201 with the id (status failed when an agent refused: the others revert at once); 403 when a host's owner turned faults off (--deny-faults); 409 while another game day runs, or when an agent is offline or lacks what the fault needs (nftables, netem); 422 without the whole-LAN confirmation",
        requestBody: body(StartRequestSchema),
        responses: { ...ok(Started, "201"), ...errors(400, 401, 403, 404, 409, 413, 415, 422, 503) },
      },
    },
    "/gamedays/plan": {
      post: { tags, summary: "The blast radius of a game day without running it: the agents it runs on, the fault each injects, per route, service and host what should fail from home and from away, and what stops it from starting now", requestBody: body(PlanRequestSchema), responses: { ...ok(PlanViewSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
    },
    "/gamedays/options": {
      get: { tags, summary: "What a game day can target: hosts with their agents' fault capabilities, services and their containers, containers that look like DNS servers, tunnels, and the LAN networks an internet-down keeps", responses: { ...ok(GameDayOptionsSchema), ...errors(401, 403) } },
    },
    "/gamedays/{id}": {
      parameters: [idParam],
      get: { tags, summary: "One game day: the prediction next to what the checks saw per route and service (time to detect, time to recover after the revert) and the timeline", responses: { ...ok(GameDayViewSchema), ...errors(401, 403, 404) } },
    },
    "/gamedays/{id}/abort": {
      parameters: [idParam],
      post: { tags, summary: "Abort a running game day (admin scope): every reachable agent reverts now; an unreachable one reverts by itself at the deadline", responses: { ...ok(Started), ...errors(401, 403, 404, 409) } },
    },
  };
}
