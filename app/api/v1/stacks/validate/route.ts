// POST /api/v1/stacks/validate — checks a Compose file (and .env) without saving anything: each
// problem with its key and line, and the services it would run.
import { route, json, parseBody } from "@/lib/api";
import { validateStackFile, StackValidateSchema, STACK_BODY_BYTES } from "@/lib/stacks";

export const POST = route("write", async ({ req }) => json(validateStackFile(await parseBody(req, StackValidateSchema, STACK_BODY_BYTES))));
