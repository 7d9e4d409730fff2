// How a route's parts look: the plan of each part (wizard review and route page) and its last
// reconcile status, with the reason a part is skipped, blocked or failed and when it is retried.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { RouteCheckPlan, RoutePartName, RoutePartPlan, RoutePartView, RoutePlanView } from "@/lib/routes/schemas";

export const PART_TITLES: Record<RoutePartName, { title: string; what: string }> = {
  "lan-dns": { title: "LAN DNS record", what: "points the name at the reverse proxy on your LAN" },
  proxy: { title: "Reverse-proxy entry", what: "sends requests for the name to the target, with TLS that works offline" },
  tunnel: { title: "Tunnel ingress rule", what: "carries requests from the internet to the reverse proxy" },
  "public-dns": { title: "Public DNS record", what: "points the name at the tunnel for everyone away from home" },
};

const DETAIL_LABELS: Record<string, string> = { zone: "Zone", provider: "Provider", record: "Record", ttl: "TTL", host: "Host", upstream: "Upstream", tls: "TLS", fingerprint: "Fingerprint", tunnel: "Tunnel", service: "Service", note: "Note" };

const PART_STATUS: Record<RoutePartView["status"], { tone: BadgeTone; label: string }> = {
  ok: { tone: "success", label: "OK" },
  pending: { tone: "info", label: "Applying" },
  failed: { tone: "danger", label: "Failed" },
  skipped: { tone: "neutral", label: "Skipped" },
};

const ACTION: Record<RoutePartPlan["action"], { tone: BadgeTone; label: string }> = {
  create: { tone: "accent", label: "Create" },
  update: { tone: "warning", label: "Update" },
  delete: { tone: "danger", label: "Delete" },
  unchanged: { tone: "success", label: "In place" },
  apply: { tone: "info", label: "Apply" },
  skip: { tone: "neutral", label: "Skip" },
  blocked: { tone: "danger", label: "Blocked" },
  unknown: { tone: "neutral", label: "Unknown" },
};

export function PartStatusBadge({ status }: { status: RoutePartView["status"] }) {
  const s = PART_STATUS[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** One part's status line: badge, message, attempts and retry time. */
export function PartStatusLine({ p }: { p: RoutePartView }) {
  return (
    <div className="space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <PartStatusBadge status={p.status} />
        {p.appliedAt && p.status === "ok" && (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            applied <Time iso={p.appliedAt} />
          </span>
        )}
      </div>
      {p.message && <p className="break-words text-zinc-600 dark:text-zinc-300">{p.message}</p>}
      {p.status === "failed" && p.nextAttemptAt && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Attempt {p.attempts} failed; retried automatically <Time iso={p.nextAttemptAt} />.
        </p>
      )}
    </div>
  );
}

function PlanPart({ p }: { p: RoutePartPlan }) {
  const a = ACTION[p.action];
  const title = PART_TITLES[p.part];
  return (
    <li className="space-y-1.5 px-5 py-3" data-testid={`plan-part-${p.part}`} data-action={p.action}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{title.title}</span>
        {/* "Apply" with a reason: waiting on something (Caddy not reachable), not done now. */}
        {p.action === "apply" && p.reason ? <Badge tone="warning">Waiting</Badge> : <Badge tone={a.tone}>{a.label}</Badge>}
      </div>
      {p.action === "skip" || p.action === "blocked" ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{p.reason}</p>
      ) : (
        <>
          <p className="break-all font-mono text-xs text-zinc-700 sm:text-sm dark:text-zinc-200">{p.summary}</p>
          {p.reason && <p className="text-sm text-amber-800 dark:text-amber-300">{p.reason}</p>}
        </>
      )}
      {Object.keys(p.details).length > 0 && p.action !== "skip" && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          {Object.entries(p.details).map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{DETAIL_LABELS[k] ?? k}</dt>
              <dd className="break-all">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

function PlanCheck({ c }: { c: RouteCheckPlan }) {
  return (
    <li className="space-y-1 px-5 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{c.name}</span>
        <Badge tone={c.expectation === "unreachable" ? "warning" : "info"}>{c.expectation === "unreachable" ? "Expects no answer" : "Expects an answer"}</Badge>
      </div>
      <p className="break-all font-mono text-xs text-zinc-600 dark:text-zinc-300">
        {c.type.toUpperCase()} {c.url}
      </p>
      <p className="text-zinc-600 dark:text-zinc-300">Verifies that {c.verifies}.</p>
    </li>
  );
}

/** The plan of all four parts and the checks that will verify them. */
export function RoutePlanCard({ plan, title = "Plan" }: { plan: RoutePlanView; title?: string }) {
  return (
    <Card aria-labelledby="route-plan-title" data-testid="route-plan">
      <CardHeader id="route-plan-title" title={title} description={`${plan.route.hostname} → ${plan.route.target}`} />
      <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {plan.parts.map((p) => (
          <PlanPart key={p.part} p={p} />
        ))}
      </ol>
      <div className="border-t border-zinc-200 px-5 pt-4 pb-1 text-sm font-semibold dark:border-zinc-800">Checks that will verify it</div>
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {plan.checks.map((c) => (
          <PlanCheck key={c.sourceKey} c={c} />
        ))}
      </ul>
    </Card>
  );
}
