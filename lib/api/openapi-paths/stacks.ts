// OpenAPI paths of the stacks domain (/stacks…): Compose projects placed on a host, from the same
// zod schemas the handlers use; spread into lib/api/openapi.ts.
import { z } from "zod";
import { body, errors, idParam, itemsSchema as items, ok, pathParam, queryParams, type Json } from "../openapi-helpers";
import {
  StackActionSchema,
  StackApplySchema,
  StackCreateSchema,
  StackLogsQuerySchema,
  StackLogsSchema,
  StackPlanSchema,
  StackRemoveQuerySchema,
  StackRolloutSchema,
  StackSchema,
  StackUpdateSchema,
  StackValidateSchema,
  StackValidationSchema,
  StackVersionQuerySchema,
  StackVersionSchema,
} from "@/lib/stacks/schemas";

const RemovedSchema = z.object({ removedVolumes: z.array(z.string()), removedNetworks: z.array(z.string()) });
const VersionFileSchema = z.object({ version: z.number().int(), compose: z.string(), envVariables: z.array(z.string()) });

export function stacksOpenApiPaths(): Json {
  const tags = ["stacks"];
  return {
    "/stacks": {
      get: { tags, summary: "Every stack with its services' state and its last rollout", responses: { ...ok(items(StackSchema)), ...errors(401, 403) } },
      post: { tags, summary: "Create a stack from a docker-compose.yml (and .env, stored sealed); checked, not applied", requestBody: body(StackCreateSchema), responses: { ...ok(StackSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/stacks/validate": {
      post: { tags, summary: "Check a Compose file without saving it: problems with key and line, the services it would run, the variables it uses", requestBody: body(StackValidateSchema), responses: { ...ok(StackValidationSchema), ...errors(400, 401, 403, 413, 415, 422) } },
    },
    "/stacks/{id}": {
      parameters: [idParam],
      get: { tags, summary: "One stack", responses: { ...ok(StackSchema), ...errors(401, 403, 404) } },
      patch: { tags, summary: "Edit the Compose file or .env (applied by /apply)", requestBody: body(StackUpdateSchema), responses: { ...ok(StackSchema), ...errors(400, 401, 403, 404, 413, 415, 422) } },
      delete: {
        tags, summary: "Remove the stack: containers, services and networks; named volumes only with ?volumes=true (their data is lost)",
        parameters: queryParams(StackRemoveQuerySchema),
        responses: { ...ok(RemovedSchema), ...errors(400, 401, 403, 404, 409, 503) },
      },
    },
    "/stacks/{id}/plan": {
      parameters: [idParam, ...queryParams(StackVersionQuerySchema)],
      get: { tags, summary: "What applying would do (create, recreate and why, unchanged, remove), changing nothing", responses: { ...ok(StackPlanSchema), ...errors(400, 401, 403, 404) } },
    },
    "/stacks/{id}/apply": {
      parameters: [idParam],
      post: { tags, summary: "Roll the stack out in dependency order with health gates (or back to an earlier { version }); 202, steps stream as stack/rollout events", requestBody: body(StackApplySchema), responses: { ...ok(StackRolloutSchema, "202"), ...errors(400, 401, 403, 404, 409, 422, 503) } },
    },
    "/stacks/{id}/rollouts": {
      parameters: [idParam],
      get: { tags, summary: "The stack's applies, newest first", responses: { ...ok(items(StackRolloutSchema)), ...errors(401, 403, 404) } },
    },
    "/stacks/{id}/versions": {
      parameters: [idParam],
      get: { tags, summary: "Every applied version of the file, newest first", responses: { ...ok(items(StackVersionSchema)), ...errors(401, 403, 404) } },
    },
    "/stacks/{id}/versions/{version}": {
      parameters: [idParam, pathParam("version")],
      get: { tags, summary: "One applied version's Compose file (the .env's variable names only)", responses: { ...ok(VersionFileSchema), ...errors(401, 403, 404) } },
    },
    "/stacks/{id}/env": {
      parameters: [idParam],
      get: { tags, summary: "The stack's .env text; admin scope (it holds secrets)", responses: { ...ok(z.object({ env: z.string() })), ...errors(401, 403, 404) } },
    },
    "/stacks/{id}/actions": {
      parameters: [idParam],
      post: { tags, summary: "Start, stop or restart the stack (dependency order; stop in reverse) or one { service }", requestBody: body(StackActionSchema), responses: { ...ok(z.object({ done: z.array(z.string()) })), ...errors(400, 401, 403, 404, 409, 422, 503) } },
    },
    "/stacks/{id}/logs": {
      parameters: [idParam, ...queryParams(StackLogsQuerySchema)],
      get: { tags, summary: "Recent log lines of every service of the stack (or one), each tagged with its service; searchable", responses: { ...ok(StackLogsSchema), ...errors(400, 401, 403, 404) } },
    },
    "/stacks/{id}/export": {
      parameters: [idParam, ...queryParams(StackVersionQuerySchema)],
      get: { tags, summary: "The Compose file as a download (the one being edited, or ?version=n)", responses: { "200": { description: "The file", content: { "application/yaml": { schema: { type: "string" } } } }, ...errors(400, 401, 403, 404) } },
    },
  };
}
