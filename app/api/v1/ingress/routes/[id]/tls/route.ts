// PUT: chooses Caddy's internal CA or a user-supplied certificate for one Route's entry. The
// private key is sealed at rest and never returned.
import { route, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { ProxyTlsInputSchema, setProxyEntryTls } from "@/lib/ingress";

type P = { id: string };

const setTls = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Route");
  await setProxyEntryTls(db, id, await parseBody(req, ProxyTlsInputSchema), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});

/** PUT replaces the TLS choice; PATCH is the same call for clients without PUT. */
export const PUT = setTls;
export const PATCH = setTls;
