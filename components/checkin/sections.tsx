// The check-in page's sections, in order of urgency: incidents, routes, hosts, services, and what
// changed since the last check-in. Rows are at least 44 px tall; actions sit at the row's right,
// under the thumb. `stale` disables actions while the page shows a last known state.
"use client";

import Link from "next/link";
import type { CheckInSummary, SideStatus } from "@/lib/checkin/schemas";
import { useApi } from "@/lib/client/api";
import { actionLabel } from "@/lib/client/format";
import { cn } from "@/components/ui/cn";
import { QuickAction } from "./quick-action";
import { ageText } from "./freshness";

const OFFLINE_REASON = "Not available while offline";

/** Audit actions the shared labels do not cover yet, worded for the "changes" list. */
const MORE_LABELS: Record<string, string> = {
  "incident.acknowledge": "Acknowledged incident",
  "check.create": "Created check",
  "check.update": "Updated check",
  "check.delete": "Deleted check",
  "check.bulk_create": "Created checks",
  "service.deploy": "Deployed service",
  "service.start": "Started service",
  "service.stop": "Stopped service",
  "service.restart": "Restarted service",
  "service.remove": "Removed container",
  "host.enroll": "Enrolled host",
  "host.revoke": "Revoked host",
  "notification_channel.create": "Added notification channel",
  "notification_channel.update": "Changed notification channel",
  "notification_channel.delete": "Deleted notification channel",
};

type Change = CheckInSummary["since"]["changes"][number];

/** Runs of the same action by the same actor fold into one row ("Created service ×8"). */
function foldChanges(changes: Change[]): (Change & { times: number })[] {
  const out: (Change & { times: number })[] = [];
  for (const c of changes) {
    const last = out[out.length - 1];
    if (last && last.action === c.action && last.actorName === c.actorName) last.times++;
    else out.push({ ...c, times: 1 });
  }
  return out;
}

function changeLabel(action: string): string {
  const shared = actionLabel(action);
  if (shared !== action) return shared;
  if (MORE_LABELS[action]) return MORE_LABELS[action];
  // "dns.zone.update" → "Dns zone update": readable, if plain.
  const words = action.replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900">
      <h2 id={id} className="flex items-center justify-between gap-3 border-b border-zinc-300 px-4 py-3 text-base font-semibold text-zinc-950 dark:border-zinc-700 dark:text-zinc-50">
        {title}
        <span className="rounded-full bg-zinc-900 px-2.5 py-0.5 text-sm font-semibold text-white tabular-nums dark:bg-zinc-100 dark:text-zinc-900">{count}</span>
      </h2>
      {children}
    </section>
  );
}

function Ago({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <>never</>;
  return <time dateTime={iso}>{ageText(now - Date.parse(iso))}</time>;
}

const rowClass = "flex min-h-14 flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between";
const linkClass = "font-semibold text-zinc-950 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-50";
const detailClass = "mt-0.5 text-sm text-zinc-700 dark:text-zinc-300";

function Pill({ tone, children }: { tone: "bad" | "ok" | "muted" | "warn"; children: React.ReactNode }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-bold tracking-wide uppercase",
        tone === "bad" && "bg-red-700 text-white",
        tone === "warn" && "bg-amber-300 text-zinc-950",
        tone === "ok" && "bg-emerald-700 text-white",
        tone === "muted" && "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100",
      )}
    >
      {children}
    </span>
  );
}

const SIDE: Record<SideStatus, { tone: "bad" | "ok" | "muted"; text: string }> = {
  fails: { tone: "bad", text: "fails" },
  ok: { tone: "ok", text: "ok" },
  unknown: { tone: "muted", text: "unknown" },
  "not-checked": { tone: "muted", text: "not checked" },
};

export function Sections({ summary, stale, now, firstCheckIn, onChanged }: { summary: CheckInSummary; stale: boolean; now: number; firstCheckIn: boolean; onChanged: () => void }) {
  const api = useApi();
  const { incidents, routes, hosts, services, since } = summary;
  return (
    <div className="space-y-4">
      {incidents.length > 0 && (
        <Section id="ci-incidents" title="Open incidents" count={incidents.length}>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Open incidents">
            {incidents.map((i) => (
              <li key={i.id} id={`incident-${i.id}`} className={rowClass}>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <Pill tone={i.kind === "down" ? "bad" : "warn"}>{i.kind}</Pill>
                    <Link href={`/reachability/checks/${i.checkId}`} className={linkClass}>{i.checkName}</Link>
                  </p>
                  <p className={detailClass}>
                    Started <Ago iso={i.startedAt} now={now} />
                    {i.vantages.length > 0 && <> · seen from {i.vantages.map((v) => `${v.name} (${v.kind === "remote" ? "away" : "LAN"})`).join(", ")}</>}
                  </p>
                  {(i.errorClass || i.message) && <p className={cn(detailClass, "break-words")}>{[i.errorClass, i.message].filter(Boolean).join(": ")}</p>}
                  {i.acknowledgedAt && (
                    <p className="mt-1 text-sm font-semibold text-emerald-800 dark:text-emerald-300" data-testid="acknowledged">
                      Acknowledged by {i.acknowledgedBy} · <Ago iso={i.acknowledgedAt} now={now} />
                    </p>
                  )}
                </div>
                {!i.acknowledgedAt && (
                  <div className="flex shrink-0 justify-end">
                    <QuickAction
                      label="Acknowledge"
                      title={`Acknowledge “${i.checkName}”?`}
                      description="Marks the incident as being looked at, for everyone. Its checks keep running; it closes by itself when they pass again."
                      confirmLabel="Acknowledge"
                      done={`Acknowledged ${i.checkName}`}
                      run={() => api.post(`/api/v1/checks/incidents/${i.id}/acknowledge`, {})}
                      onDone={onChanged}
                      disabled={stale}
                      disabledReason={OFFLINE_REASON}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {routes.length > 0 && (
        <Section id="ci-routes" title="Routes failing" count={routes.length}>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Routes failing">
            {routes.map((r) => (
              <li key={r.routeId} className={rowClass}>
                <div className="min-w-0">
                  <Link href={`/routes/${r.routeId}`} className={cn(linkClass, "break-all")}>{r.hostname}</Link>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
                    <span>At home</span> <Pill tone={SIDE[r.lan].tone}>{SIDE[r.lan].text}</Pill>
                    <span className="ml-1">Away</span> <Pill tone={SIDE[r.remote].tone}>{SIDE[r.remote].text}</Pill>
                  </p>
                  {r.message && <p className={cn(detailClass, "break-words")}>{r.message}</p>}
                </div>
                <div className="flex shrink-0 justify-end">
                  <QuickAction
                    tone="secondary"
                    label="Re-run checks"
                    title={`Re-run the checks of ${r.hostname}?`}
                    description="Probes from every vantage point that checks this route run now, at home and away; the results show here when they are in."
                    confirmLabel="Re-run checks"
                    done={`Checks of ${r.hostname} ran`}
                    run={() => api.post(`/api/v1/routes/${r.routeId}/checks/run`, {})}
                    onDone={onChanged}
                    disabled={stale}
                    disabledReason={OFFLINE_REASON}
                  />
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {hosts.length > 0 && (
        <Section id="ci-hosts" title="Hosts not connected" count={hosts.length}>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Hosts not connected">
            {hosts.map((h) => (
              <li key={h.hostId} className={rowClass}>
                <div className="min-w-0">
                  <Link href={`/hosts/${h.hostId}`} className={linkClass}>{h.name}</Link>
                  <p className={detailClass}>
                    <Pill tone="muted">unknown</Pill> <span className="ml-1">agent last seen <Ago iso={h.lastSeenAt} now={now} /></span>
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {services.length > 0 && (
        <Section id="ci-services" title="Services not running" count={services.length}>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Services not running">
            {services.map((s) => {
              const label = s.state === "missing" ? "container gone" : s.state === "running" ? (s.health ?? "running") : s.state;
              const canRestart = s.state !== "missing" && s.hostOnline;
              return (
                <li key={s.serviceId} className={rowClass}>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <Pill tone={s.state === "running" ? "warn" : "bad"}>{label}</Pill>
                      <Link href={`/services/${s.serviceId}`} className={linkClass}>{s.name}</Link>
                    </p>
                    <p className={detailClass}>
                      on {s.hostName ?? "—"}
                      {s.exitCode !== null && s.state !== "running" && <> · exit code {s.exitCode}</>}
                      {!s.hostOnline && <> · host not connected, last known state</>}
                    </p>
                  </div>
                  {s.state !== "missing" && (
                    <div className="flex shrink-0 justify-end">
                      <QuickAction
                        label="Restart"
                        title={`Restart ${s.name}?`}
                        description={`The container on ${s.hostName ?? "its host"} is restarted; the service is unavailable for a moment. The restart is recorded in the audit log.`}
                        confirmLabel="Restart"
                        done={`Restarted ${s.name}`}
                        run={() => api.post(`/api/v1/services/${s.serviceId}/actions`, { action: "restart" })}
                        onDone={onChanged}
                        disabled={stale || !canRestart}
                        disabledReason={stale ? OFFLINE_REASON : "The host's agent is not connected"}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      )}

      <Section id="ci-since" title={firstCheckIn ? "In the last 24 hours" : "Since your last check-in"} count={since.deployCount + since.changeCount}>
        <div className="px-4 py-3 text-sm text-zinc-800 dark:text-zinc-200">
          {!firstCheckIn && since.from && <p className="mb-2 text-zinc-700 dark:text-zinc-300">Last check-in <Ago iso={since.from} now={now} />.</p>}
          {since.deployCount + since.changeCount === 0 ? (
            <p>Nothing changed.</p>
          ) : (
            <>
              {since.deploys.length > 0 && (
                <>
                  <h3 className="mt-1 font-semibold text-zinc-950 dark:text-zinc-50">Deploys ({since.deployCount})</h3>
                  <ul className="mt-1 divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Deploys since last check-in">
                    {since.deploys.map((d) => (
                      <li key={d.id} className="flex min-h-11 items-center justify-between gap-3 py-2">
                        <Link href={`/services/${d.serviceId}`} className={cn(linkClass, "truncate")}>{d.serviceName}</Link>
                        <span className="shrink-0 text-zinc-700 dark:text-zinc-300">
                          <Pill tone={d.status === "failed" ? "bad" : d.status === "succeeded" || d.status === "unchanged" ? "ok" : "muted"}>{d.status}</Pill> <Ago iso={d.createdAt} now={now} />
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {since.changes.length > 0 && (
                <>
                  <h3 className="mt-3 font-semibold text-zinc-950 dark:text-zinc-50">Changes ({since.changeCount})</h3>
                  <ul className="mt-1 divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Changes since last check-in">
                    {foldChanges(since.changes).map((c) => (
                      <li key={c.id} className="flex min-h-11 items-center justify-between gap-3 py-2">
                        <span className="min-w-0 truncate">
                          <span className="font-medium text-zinc-950 dark:text-zinc-50">{changeLabel(c.action)}</span>
                          {c.times > 1 && <span className="font-semibold text-zinc-950 dark:text-zinc-50"> ×{c.times}</span>}
                          <span className="text-zinc-700 dark:text-zinc-300"> · {c.actorName ?? "anonymous"}</span>
                        </span>
                        <span className="shrink-0 text-zinc-700 dark:text-zinc-300"><Ago iso={c.at} now={now} /></span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {since.changeCount > since.changes.length && (
                <Link href="/audit" className="mt-2 inline-flex min-h-11 items-center font-semibold text-indigo-800 underline dark:text-indigo-300">
                  {since.changeCount - since.changes.length} more in the audit log
                </Link>
              )}
            </>
          )}
        </div>
      </Section>
    </div>
  );
}
