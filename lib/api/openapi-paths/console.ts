// OpenAPI paths of container consoles and inspect: the console ticket (admin) and the inspect view
// (read; env values for admins only). The console itself is a WebSocket, described in the summary.
import { ConsoleOpenSchema, ConsoleTicketSchema, ContainerInspectViewSchema } from "@/lib/protocol/exec";
import { body, errors, ok, pathParam as path, type Json } from "../openapi-helpers";

export function consoleOpenApiPaths(): Json {
  const services = ["services"];
  return {
    "/services/{id}/exec": {
      parameters: [path("id")],
      post: {
        tags: services,
        summary:
          "Open a console in the service's running container (admin scope): returns a single-use ticket for the WebSocket at `path` " +
          "(`?ticket=…&csrf=…`; same-site Origin and the same session or token required). Browser frames: `{type:\"input\",data}` and " +
          "`{type:\"resize\",cols,rows}`; the server sends output as binary frames and `{type:\"ready\"}` / `{type:\"exit\",exitCode,reason}`. Audited at start and end.",
        requestBody: body(ConsoleOpenSchema),
        responses: { ...ok(ConsoleTicketSchema, "201"), ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503) },
      },
    },
    "/services/{id}/inspect": {
      parameters: [path("id")],
      get: {
        tags: services,
        summary: "The container's inspect data: config, state, mounts, networks, ports and env (values for admins only; secret-looking values always masked)",
        responses: { ...ok(ContainerInspectViewSchema), ...errors(401, 403, 404, 409, 503) },
      },
    },
  };
}
