// Maintenance windows: active first (blue), then scheduled, then recently ended; what each covers;
// edit and delete for operators and admins, and the form to plan a new one.
"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { DeleteButton } from "@/components/common/delete-button";
import { useCan } from "@/components/auth/role-context";
import type { MaintenanceView } from "@/lib/probes/schemas";
import { MaintenanceForm } from "./maintenance-form";

type Props = { groups: string[]; checks: { id: string; name: string }[] };

function covers(w: MaintenanceView, names: Map<string, string>): string {
  if (w.all) return "every check";
  return [...w.groups.map((g) => `group ${g}`), ...w.checkIds.map((id) => names.get(id) ?? "a deleted check")].join(", ");
}

function Row({ w, canWrite, ...props }: Props & { w: MaintenanceView; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const names = new Map(props.checks.map((c) => [c.id, c.name]));
  return (
    <li className="space-y-3 px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{w.name}</span>
            <Badge tone={w.state === "active" ? "info" : w.state === "scheduled" ? "accent" : "neutral"}>{w.state === "active" ? "In maintenance" : w.state === "scheduled" ? "Scheduled" : "Ended"}</Badge>
          </div>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            <Time iso={w.startsAt} /> → <Time iso={w.endsAt} /> · covers {covers(w, names)}
          </p>
          {w.createdBy && <p className="text-xs text-zinc-500 dark:text-zinc-400">Planned by {w.createdBy}</p>}
        </div>
        {canWrite && (
          <div className="flex gap-2">
            {w.state !== "ended" && <Button variant="secondary" size="sm" onClick={() => setEditing(!editing)} aria-expanded={editing}>{editing ? "Close" : "Edit"}</Button>}
            <DeleteButton url={`/api/v1/maintenance/${w.id}`} noun="maintenance window" name={w.name} redirectTo="/reachability/maintenance" consequence={w.state === "active" ? "It ends now: checks still failing open incidents and notify again." : "It is removed."} />
          </div>
        )}
      </div>
      {editing && <MaintenanceForm window={w} {...props} onDone={() => setEditing(false)} />}
    </li>
  );
}

export function MaintenanceList({ windows, ...props }: Props & { windows: MaintenanceView[] }) {
  const canWrite = useCan("write");
  const [planning, setPlanning] = useState(false);
  return (
    <div className="space-y-6">
      <Card aria-labelledby="maintenance-windows">
        <CardHeader id="maintenance-windows" title="Maintenance windows" description="While one is on, failures are still recorded, but no incident opens and nobody is notified." actions={canWrite && !planning ? <Button onClick={() => setPlanning(true)}>Plan maintenance</Button> : undefined} />
        {windows.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">No maintenance planned.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {windows.map((w) => <Row key={w.id} w={w} canWrite={canWrite} {...props} />)}
          </ul>
        )}
      </Card>
      {planning && (
        <Card aria-labelledby="new-maintenance">
          <CardHeader id="new-maintenance" title="New maintenance window" actions={<Button variant="ghost" size="sm" onClick={() => setPlanning(false)}>Cancel</Button>} />
          <CardBody>
            <MaintenanceForm {...props} onDone={() => setPlanning(false)} />
          </CardBody>
        </Card>
      )}
    </div>
  );
}
