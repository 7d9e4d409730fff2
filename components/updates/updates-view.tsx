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
import { Table, TableRow } from "@/components/ui/table";
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
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1"><JobState job={view.job} inBrowser={inBrowser} /></div>
        {canWrite && (
          <Button variant="secondary" onClick={() => void checkNow()} loading={checking || view.job.running} disabled={!view.job.enabled} title={view.job.enabled ? undefined : "Turn image updates on in Settings first"}>
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
          <Table columns={["Service or stack", "Image", "New image", { label: "Actions", className: "sr-only" }]}>
            {view.stacks.map((st) => (
              <TableRow key={st.stackId}>
                <td className="px-5 py-3 align-top">
                  <Link href={`/stacks/${st.stackId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{st.stackName}</Link>
                  <div className="text-xs text-zinc-500">stack · {st.services.map((s) => s.serviceName).join(", ")}</div>
                </td>
                <td className="px-5 py-3 align-top text-xs">
                  {view.services.filter((s) => s.stackId === st.stackId && s.status === "update").map((s) => <div key={s.serviceId}><code className="font-mono break-all">{shortImage(s.tag ?? s.image)}</code></div>)}
                </td>
                <td className="px-5 py-3 align-top text-sm">
                  {st.services.map((s) => <div key={s.serviceId}><Built iso={s.newCreatedAt} /></div>)}
                </td>
                <td className="px-5 py-3 text-right align-top">{canWrite && <ApplyUpdateButton kind="stack" id={st.stackId} name={st.stackName} services={st.services.map((s) => s.serviceName)} />}</td>
              </TableRow>
            ))}
            {lone.map((s) => (
              <TableRow key={s.serviceId}>
                <td className="px-5 py-3 align-top"><ServiceLink s={s} />{s.hostName && <div className="text-xs text-zinc-500">on {s.hostName}</div>}</td>
                <td className="px-5 py-3 align-top">
                  <code className="font-mono text-xs break-all">{shortImage(s.tag ?? s.image)}</code>
                  <div className="font-mono text-xs text-zinc-500">{shortDigest(s.currentDigest)} → {shortDigest(s.newDigest)}</div>
                </td>
                <td className="px-5 py-3 align-top text-sm"><Built iso={s.newCreatedAt} /></td>
                <td className="px-5 py-3 text-right align-top">{canWrite && <ApplyUpdateButton kind="service" id={s.serviceId} name={s.serviceName} />}</td>
              </TableRow>
            ))}
          </Table>
        )}
      </Card>

      {others.length > 0 && (
        <Card aria-labelledby="others-title">
          <CardHeader id="others-title" title="Everything else" description="Services with no update to apply, and why." />
          <Table columns={["Service", "Image", "Status"]}>
            {others.map((s) => (
              <TableRow key={s.serviceId}>
                <td className="px-5 py-3 align-top"><ServiceLink s={s} />{s.stackName && <div className="text-xs text-zinc-500">stack {s.stackName}</div>}</td>
                <td className="px-5 py-3 align-top"><code className="font-mono text-xs break-all">{shortImage(s.image)}</code></td>
                <td className="px-5 py-3 align-top">
                  <Badge tone={s.errorClass && s.status !== "pinned" ? "warning" : STATUS[s.status].tone}>{STATUS[s.status].label}</Badge>
                  {unknownWhy(s) && <div className="mt-1 text-xs text-zinc-500">{unknownWhy(s)}</div>}
                </td>
              </TableRow>
            ))}
          </Table>
        </Card>
      )}
    </div>
  );
}
