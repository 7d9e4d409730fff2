// GET or POST /api/v1/push/:token — a push check's heartbeat URL, called by cron jobs and scripts
// without a session: optional status=up|down, msg and ping (ms) in the query string or a tiny
// form/JSON body. Unknown tokens are 404 like malformed ones; rate-limited per address and token.
import { publicRoute, json, readTextBody } from "@/lib/api";
import { DomainError, invalidFromZod } from "@/lib/errors";
import { MAX_PUSH_BODY_BYTES, PushCallSchema, receivePush } from "@/lib/probes/push";

type P = { token: string };

/** Query parameters, overridden by a form or JSON body's fields. */
async function callOf(req: Request): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = Object.fromEntries(new URL(req.url).searchParams);
  if (req.method !== "POST") return fields;
  const text = (await readTextBody(req, MAX_PUSH_BODY_BYTES)).trim();
  if (text === "") return fields;
  const type = req.headers.get("content-type") ?? "";
  if (/json/i.test(type) || text.startsWith("{")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DomainError("bad_request", "The body is not valid JSON");
    }
    if (body && typeof body === "object" && !Array.isArray(body)) Object.assign(fields, body);
  } else if (/x-www-form-urlencoded/i.test(type) || text.includes("=")) {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(text)));
  }
  return fields;
}

export const GET = publicRoute<P>(async ({ req, db, params, meta }) => {
  const fields = await callOf(req);
  const call = PushCallSchema.safeParse({ status: fields.status, msg: fields.msg, ping: fields.ping === "" ? undefined : fields.ping });
  if (!call.success) throw invalidFromZod(call.error);
  return json({ ok: true, ...(await receivePush(db, params.token, call.data, meta.ip)) });
});
export const POST = GET;
