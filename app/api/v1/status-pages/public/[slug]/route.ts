// GET /api/v1/status-pages/public/:slug — a published status page as JSON, signed out: no session
// is read or set, rate-limited per address, cacheable for a few seconds; unknown or unpublished is 404.
import { publicRoute, json, parseParam } from "@/lib/api";
import { DomainError, notFound } from "@/lib/errors";
import { checksInMaintenance } from "@/lib/probes/maintenance";
import { getPublicStatus, PUBLIC_CACHE_MS, StatusSlugSchema, takePublicRequest } from "@/lib/status-pages";

export const GET = publicRoute<{ slug: string }>(async ({ db, params, meta }) => {
  const wait = takePublicRequest(meta.ip);
  if (wait > 0) throw new DomainError("rate_limited", "Too many requests; try again shortly", { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) });
  const slug = parseParam(params.slug, StatusSlugSchema, "Status page");
  const view = await getPublicStatus(db, slug, (checks) => checksInMaintenance(db, checks));
  if (!view) throw notFound("Status page");
  return json(view, 200, { "cache-control": `public, max-age=${PUBLIC_CACHE_MS / 1000}` });
});
