// OpenAPI paths of image presence (/stacks/{id}/images, /hosts/{id}/images): which images are
// already on a host, from the same zod schemas the handlers use; spread into lib/api/openapi.ts.
import { errors, idParam, ok, type Json } from "../openapi-helpers";
import { ImagePresenceSchema } from "@/lib/images";

export function imagesOpenApiPaths(): Json {
  const tags = ["images"];
  return {
    "/stacks/{id}/images": {
      parameters: [idParam],
      get: { tags, summary: "Each image the stack needs and whether its host holds it (null when the agent is not connected); missing ones first, with where a pull would come from", responses: { ...ok(ImagePresenceSchema), ...errors(401, 403, 404) } },
    },
    "/hosts/{id}/images": {
      parameters: [idParam],
      get: { tags, summary: "Each image the host's services and stacks need, present or missing (null when the agent is not connected), and who uses it", responses: { ...ok(ImagePresenceSchema), ...errors(401, 403, 404) } },
    },
  };
}
