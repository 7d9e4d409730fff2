import { json } from "@/lib/api";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return json(buildOpenApiDocument());
}
