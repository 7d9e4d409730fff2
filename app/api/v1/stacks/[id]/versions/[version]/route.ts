// GET /api/v1/stacks/:id/versions/:version — one applied file (the .env's names only).
import { route, json, parseParam } from "@/lib/api";
import { getStackVersion, StackIdSchema, StackVersionParamSchema } from "@/lib/stacks";

export const GET = route<{ id: string; version: string }>("read", async ({ db, params }) =>
  json(await getStackVersion(db, parseParam(params.id, StackIdSchema, "Stack"), parseParam(params.version, StackVersionParamSchema, "Stack version"))),
);
