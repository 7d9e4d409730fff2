// OpenAPI paths of push (heartbeat URL) checks: the public URL cron jobs call and the signed-in
// calls that make its token. Spread into probesOpenApiPaths().
import { errors, idParam, input, ok, pathParam, queryParams, type Json } from "../openapi-helpers";
import { PushCallSchema, PushOutcomeSchema, PushUrlSchema, PushUrlStatusSchema } from "@/lib/probes/engine/push-call";

export function pushOpenApiPaths(): Json {
  const push = ["push"];
  const call = {
    tags: push,
    security: [],
    parameters: queryParams(PushCallSchema),
    responses: { ...ok(PushOutcomeSchema), ...errors(404, 413, 422, 429) },
  };
  return {
    "/push/{token}": {
      parameters: [pathParam("token")],
      get: { ...call, summary: "A push check's heartbeat, no session: records up (or status=down) with an optional msg and ping (ms). Unknown tokens are 404; rate-limited per address, per address for unknown tokens and per token" },
      post: {
        ...call,
        summary: "The same as GET; the fields may also come as a form or JSON body of at most 1 KiB",
        requestBody: { required: false, content: { "application/json": { schema: input(PushCallSchema) }, "application/x-www-form-urlencoded": { schema: input(PushCallSchema) } } },
      },
    },
    "/checks/{id}/push-url": {
      parameters: [idParam],
      get: { tags: push, summary: "Whether a push check has a URL (its token is never readable again)", responses: { ...ok(PushUrlStatusSchema), ...errors(401, 403, 404, 409) } },
      post: { tags: push, summary: "Make a new push URL for a push check (the old one stops working); the token is returned this once", responses: { ...ok(PushUrlSchema, "201"), ...errors(401, 403, 404, 409) } },
    },
  };
}
