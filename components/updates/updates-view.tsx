// The Updates page's body: the job's state, "Check now", the available updates first (per stack,
// then per lone service, each with the new image's age and Apply), then everything else.
"use client";

import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { ServiceUpdate, UpdateStatus, UpdatesView as View } from "@/lib/images/update-schemas";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { errorMessage, useApi } from "@/lib/client/api";
import { ApplyUpdateButton } from "./apply-update-button";
import { JobState } from "./job-state";
import { shortDigest, shortImage, UPDATES_QUERY_KEY, useUpdates } from "./use-updates";

const STATUS: Record<UpdateStatus, { label: string; tone: BadgeTone }> = {
  update: { label: "Update available", tone: "accent" },
  current: { label: "Up to date", tone: "success" },
  pinned: { label: "Pinned to a digest", tone: "neutral" },
  unchecked: { label: "Not checked yet", tone: "neutral" },
  unknown: { label: "Unknown", tone: "warning" },
};
const noop = () => () => undefined;

function Built({ iso }: { iso: string | null }) {
  return iso ? <span>built <Time iso={iso} /></span> : <span className="text-zinc-500">age unknown</span>;
}

function ServiceLink({ s }: { s: Pick<ServiceUpdate, "serviceId" | "serviceName"> }) {
  return <Link href={`/services/${s.serviceId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{s.serviceName}</Link>;
}

function unknownWhy(s: ServiceUpdate): string {
  if (s.status === "unknown") return s.tag ? "the running image has no registry digest (built here, or not running)" : "not an image reference Homeport reads";
  if (s.status === "unchecked") return s.errorClass ? (s.message ?? s.errorClass) : "waits for the next check";
  if (s.status === "pinned") return "never checked: the digest cannot move";
  return s.errorClass ? `last check failed: ${s.message ?? s.errorClass}` : "";
}

/** One available update: who, which image, how old the new one is, Apply; stacked on a phone. */
function UpdateRow({ who, image, age, action }: { who: React.ReactNode; image: React.ReactNode; age: React.ReactNode; action: React.ReactNode }) {
  return (
    <li data-testid="update-row" className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 px-5 py-3 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,0.8fr)_auto]">
      <div className="min-w-0">{who}</div>
      <div className="col-start-1 min-w-0 text-xs sm:col-start-auto">{image}</div>
      <div className="col-start-1 min-w-0 sm:col-start-auto">{age}</div>
      <div className="col-start-2 row-span-3 row-start-1 self-start sm:col-start-auto sm:row-span-1 sm:row-start-auto">{action}</div>
    </li>
  );
}

export function UpdatesView({ initial }: { initial: View }) {
  const { data } = useUpdates(initial);
  const view = data ?? initial;
  const canWrite = useCan("write");
  const inBrowser = useSyncExternalStore(noop, () => true, () => false);
  const api = useApi();
  const qc = useQueryClient();
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const checkNow = async () => {
    setChecking(true);
    setProblem(null);
    try {
      qc.setQueryData(UPDATES_QUERY_KEY, await api.post<View>("/api/v1/updates/check"));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  const lone = view.services.filter((s) => s.status === "update" && !s.stackId);
  const others = view.services.filter((s) => s.status !== "update");
  const count = lone.length + view.stacks.length;
  return (
    <div className="space-y-6">
      <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1"><JobState job={view.job} inBrowser={inBrowser} /></div>
        {canWrite && view.job.enabled && (
          <Button variant="secondary" onClick={() => void checkNow()} loading={checking || view.job.running}>
            Check now
          </Button>
        )}
      </div>
      {problem && <Alert tone="error">{problem}</Alert>}

      <Card aria-labelledby="available-title">
        <CardHeader id="available-title" title="Available updates" description={count > 0 ? `${count} to apply. Each goes through the health-gated rollout; a failure rolls back.` : undefined} />
        {count === 0 ? (
          <CardBody>
            <EmptyState title={view.job.lastRunAt ? "Everything runs the newest image of its tag" : "No check has run yet"}>
              {view.job.lastRunAt ? <>Last checked <Time iso={view.job.lastRunAt} />.</> : view.job.enabled ? "Press Check now, or wait for the next run." : "Turn the check on in Settings to learn about new images."}
            </EmptyState>
          </CardBody>
        ) : (
          <ul className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {view.stacks.map((st) => (
              <UpdateRow
                key={st.stackId}
                who={<><Link href={`/stacks/${st.stackId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{st.stackName}</Link><div className="text-xs text-zinc-500">stack · {st.services.map((s) => s.serviceName).join(", ")}</div></>}
                image={view.services.filter((s) => s.stackId === st.stackId && s.status === "update").map((s) => <div key={s.serviceId}><code className="font-mono break-all">{shortImage(s.tag ?? s.image)}</code></div>)}
                age={st.services.map((s) => <div key={s.serviceId}><Built iso={s.newCreatedAt} /></div>)}
                action={canWrite && <ApplyUpdateButton kind="stack" id={st.stackId} name={st.stackName} services={st.services.map((s) => s.serviceName)} />}
              />
            ))}
            {lone.map((s) => (
              <UpdateRow
                key={s.serviceId}
                who={<><ServiceLink s={s} />{s.hostName && <div className="text-xs text-zinc-500">on {s.hostName}</div>}</>}
                image={<><code className="font-mono break-all">{shortImage(s.tag ?? s.image)}</code><div className="font-mono text-zinc-500">{shortDigest(s.currentDigest)} → {shortDigest(s.newDigest)}</div></>}
                age={<Built iso={s.newCreatedAt} />}
                action={canWrite && <ApplyUpdateButton kind="service" id={s.serviceId} name={s.serviceName} />}
              />
            ))}
          </ul>
        )}
      </Card>

      {others.length > 0 && (
        <Card aria-labelledby="others-title">
          <CardHeader id="others-title" title="Everything else" description="Services with no update to apply, and why." />
          <ul className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {others.map((s) => (
              <li key={s.serviceId} data-testid="update-other" className="grid gap-1 px-5 py-3 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1.3fr)] sm:gap-4">
                <div className="min-w-0"><ServiceLink s={s} />{s.stackName && <div className="text-xs text-zinc-500">stack {s.stackName}</div>}</div>
                <div className="min-w-0"><code className="font-mono text-xs break-all">{shortImage(s.image)}</code></div>
                <div className="min-w-0">
                  <Badge className="whitespace-nowrap" tone={s.errorClass && s.status !== "pinned" ? "warning" : STATUS[s.status].tone}>{STATUS[s.status].label}</Badge>
                  {unknownWhy(s) && <div className="mt-1 text-xs break-words text-zinc-500">{unknownWhy(s)}</div>}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
