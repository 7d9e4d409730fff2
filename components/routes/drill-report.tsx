// The internet-down drill: a "Run drill" button and its report — per route whether the LAN path
// survives, per service what may need the internet, and LAN DNS — with empty, loading and error states.
"use client";

import { useCan } from "@/components/auth/role-context";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconShield } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { useApi, errorMessage } from "@/lib/client/api";
import { isLan, type DrillIssue, type DrillReport } from "@/lib/routes/schemas";

function Issues({ issues }: { issues: DrillIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm text-zinc-600 dark:text-zinc-300">
      {issues.map((i, n) => (
        <li key={n} data-issue={i.kind}>
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{i.kind}</span> {i.message}
        </li>
      ))}
    </ul>
  );
}

function Summary({ r }: { r: DrillReport }) {
  const items = [
    { label: "Routes that survive", value: `${r.summary.routesSurviving} / ${r.summary.routes}`, testid: "drill-routes-surviving" },
    { label: "Services at risk", value: `${r.summary.servicesAtRisk} / ${r.summary.services}`, testid: "drill-services-at-risk" },
    { label: "Images missing", value: `${r.summary.imagesMissing ?? 0}${r.summary.imagesNeedInternet ? ` (${r.summary.imagesNeedInternet} need the internet)` : ""}`, testid: "drill-images-missing" },
    { label: "LAN DNS issues", value: String(r.summary.dnsIssues), testid: "drill-dns-issues" },
  ];
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {items.map((i) => (
        <div key={i.label} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{i.label}</dt>
          <dd className="text-xl font-semibold" data-testid={i.testid}>
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Services on no host run nowhere, so the internet changes nothing for them: one folded line. */
function Unplaced({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <details className="border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800" data-testid="drill-unplaced">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-300">
        {names.length} {names.length === 1 ? "service is" : "services are"} not placed on a host, so nothing of {names.length === 1 ? "it" : "them"} runs to lose
      </summary>
      <p className="mt-2 text-xs break-words text-zinc-500 dark:text-zinc-400">{names.join(", ")}</p>
    </details>
  );
}

function Report({ r }: { r: DrillReport }) {
  return (
    <div className="space-y-6" data-testid="drill-report">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Ran <Time iso={r.ranAt} />.
      </p>
      <Summary r={r} />
      <Card aria-labelledby="drill-routes">
        <CardHeader id="drill-routes" title="Routes" description="Does the LAN path survive: LAN DNS, the LAN proxy, TLS without ACME and a LAN upstream?" />
        {r.routes.length === 0 ? (
          <CardBody>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No routes yet.</p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {r.routes.map((x) => (
              <li key={x.id} className="px-5 py-3" data-testid={`drill-route-${x.hostname}`} data-survives={x.survives ? "yes" : "no"}>
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/routes/${x.id}`} className="font-mono text-sm font-medium hover:underline">
                    {x.hostname}
                  </Link>
                  <Badge tone={x.survives ? "success" : "danger"}>{!isLan(x.exposure) ? "Remote only" : x.survives ? "At home: survives" : "At home: breaks"}</Badge>
                  {x.away === "lost" && <Badge tone="warning">Away: lost</Badge>}
                </div>
                <Issues issues={x.issues} />
                {x.away === "lost" && (
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-300" data-testid={`drill-away-${x.hostname}`}>
                    Away: {x.awayNote}.
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="drill-services">
        <CardHeader id="drill-services" title="Services" description="Egress to the internet, images present on their host, hosts that are not connected." />
        {r.services.length === 0 ? (
          <CardBody>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No services yet.</p>
          </CardBody>
        ) : (
          <>
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {r.services
                .filter((s) => s.hostName)
                .map((s) => (
                  <li key={s.id} className="px-5 py-3" data-testid={`drill-service-${s.name}`} data-at-risk={s.atRisk ? "yes" : "no"}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm font-medium">{s.name}</span>
                      <span className="text-xs text-zinc-500 dark:text-zinc-400">on {s.hostName}</span>
                      <Badge tone={s.atRisk ? "warning" : "success"}>{s.atRisk ? "At risk" : "Fine"}</Badge>
                      <Badge tone={s.imagePresent === "yes" ? "success" : s.imagePresent === "no" ? "danger" : "neutral"}>image: {s.imagePresent}</Badge>
                    </div>
                    <Issues issues={s.issues} />
                  </li>
                ))}
            </ul>
            <Unplaced names={r.services.filter((s) => !s.hostName).map((s) => s.name)} />
          </>
        )}
      </Card>
      <Card aria-labelledby="drill-dns">
        <CardHeader id="drill-dns" title="LAN DNS" description={r.dns.lanZones.length ? `LAN zones: ${r.dns.lanZones.join(", ")}` : "No LAN zone"} />
        <CardBody className="space-y-2">
          {r.dns.issues.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-300">No problem found.</p> : <Issues issues={r.dns.issues} />}
          {r.dns.notes.map((n) => (
            <p key={n} className="text-xs text-zinc-500 dark:text-zinc-400">
              {n}
            </p>
          ))}
        </CardBody>
      </Card>
    </div>
  );
}

export function DrillReportView() {
  const api = useApi();
  const drill = useMutation({ mutationFn: () => api.post<DrillReport>("/api/v1/drill") });
  const canRun = useCan("write");
  return (
    <div className="space-y-6">
      <div className="flex justify-end">
        {canRun && (
          <Button onClick={() => drill.mutate()} loading={drill.isPending}>
            Run drill
          </Button>
        )}
      </div>
      {drill.isError && (
        <Alert tone="error" title="The drill did not run">
          {errorMessage(drill.error)}
        </Alert>
      )}
      {drill.isPending && !drill.data ? (
        <div className="space-y-3" aria-label="Running the drill">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : drill.data ? (
        <Report r={drill.data} />
      ) : (
        !drill.isError && (
          <Card>
            <EmptyState icon={<IconShield className="size-6" />} title="No drill yet">
              Run the drill to see which routes keep working at home, and which services would need the internet, if it went away.
            </EmptyState>
          </Card>
        )
      )}
    </div>
  );
}
