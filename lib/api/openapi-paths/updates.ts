// OpenAPI paths of image updates (/updates, /services/{id}/update, /stacks/{id}/update), from the
// same zod schemas the handlers use; spread into lib/api/openapi.ts.
import { errors, idParam, ok, type Json } from "../openapi-helpers";
import { StackUpdateStartedSchema, UpdatesViewSchema } from "@/lib/images";
import { DeploymentSchema } from "@/lib/agents/schemas";

export function updatesOpenApiPaths(): Json {
  const tags = ["updates"];
  return {
    "/updates": {
      get: { tags, summary: "Image updates per service and per stack (running digest, the tag's newest, the new image's age, the last check and its error class) and the update job's state", responses: { ...ok(UpdatesViewSchema), ...errors(401, 403) } },
    },
    "/updates/check": {
      post: { tags, summary: "Check now: ask the registries about every tag in use (never pulls); the failing ones keep their last known digest. 409 while image updates are off", responses: { ...ok(UpdatesViewSchema), ...errors(401, 403, 409) } },
    },
    "/services/{id}/update": {
      parameters: [idParam],
      post: { tags, summary: "Apply the service's image update: the health-gated rollout with a forced pull, rolled back on failure; 409 when pinned to a digest or while a rollout runs", responses: { ...ok(DeploymentSchema, "202"), ...errors(401, 403, 404, 409, 422, 503) } },
    },
    "/stacks/{id}/update": {
      parameters: [idParam],
      post: { tags, summary: "Apply the stack's image updates: its services with one, one after the other (stopping at a failure), each through the health-gated rollout with a forced pull; 409 when there is none", responses: { ...ok(StackUpdateStartedSchema, "202"), ...errors(401, 403, 404, 409, 503) } },
    },
  };
}
