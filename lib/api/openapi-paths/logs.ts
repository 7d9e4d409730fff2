// OpenAPI paths of followed logs: a service's or a stack's containers' lines as NDJSON chunks
// (streamed while following), or a plain-text download of a range.
import { LogChunkSchema, LogStreamQuerySchema } from "@/lib/agents";
import { errors, output, pathParam, queryParams, type Json } from "../openapi-helpers";

const streamed = (what: string) => ({
  "200": {
    description: `${what}: one JSON chunk per line (sources first, then lines, dropped markers, ends, done); with format=text, a text/plain attachment`,
    content: { "application/x-ndjson": { schema: output(LogChunkSchema) }, "text/plain": { schema: { type: "string" } } },
  },
});

export function logsOpenApiPaths(): Json {
  return {
    "/services/{id}/logs/stream": {
      parameters: [pathParam("id"), ...queryParams(LogStreamQuerySchema.omit({ service: true }))],
      get: { tags: ["services"], summary: "Follow the logs of the service's containers (rollout temps included); read scope", responses: { ...streamed("The containers' log lines"), ...errors(400, 401, 403, 404, 409, 429, 503) } },
    },
    "/stacks/{id}/logs/stream": {
      parameters: [pathParam("id"), ...queryParams(LogStreamQuerySchema)],
      get: { tags: ["stacks"], summary: "Follow the logs of every service of the stack (or ?service=), each line's source naming its service; read scope", responses: { ...streamed("The services' log lines"), ...errors(400, 401, 403, 404, 409, 429, 503) } },
    },
  };
}
