// A stack's services as the host reports them: state and health, published ports, image, a link to
// each service's page (logs and stats live there) and start / stop / restart for one service.
"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TableRow } from "@/components/ui/table";
import type { StackView } from "@/lib/stacks/schemas";
import { ServiceStateBadge } from "./stack-badges";
import { EgressProofBadge } from "@/components/services/egress-proof-status";
import type { ActionRequest } from "./stack-dialogs";
import { portText, type StackServiceState } from "./stack-model";

function Actions({ s, onAction, disabled }: { s: StackServiceState; onAction: (r: ActionRequest) => void; disabled: boolean }) {
  const running = s.state === "running";
  return (
    <span className="flex flex-wrap gap-2">
      {!running && (
        <Button size="sm" variant="secondary" disabled={disabled} onClick={() => onAction({ action: "start", service: s.key })} aria-label={`Start ${s.key}`}>
          Start
        </Button>
      )}
      {running && (
        <Button size="sm" variant="secondary" disabled={disabled} onClick={() => onAction({ action: "restart", service: s.key })} aria-label={`Restart ${s.key}`}>
          Restart
        </Button>
      )}
      {running && (
        <Button size="sm" variant="secondary" disabled={disabled} onClick={() => onAction({ action: "stop", service: s.key })} aria-label={`Stop ${s.key}`}>
          Stop
        </Button>
      )}
    </span>
  );
}

const ports = (s: StackServiceState) => (s.ports.length ? s.ports.map(portText).join(", ") : "—");

export function StackServices({ stack, onAction, busy }: { stack: StackView; onAction: (r: ActionRequest) => void; busy: boolean }) {
  const services = stack.services;
  return (
    <Card data-testid="stack-services">
      <CardHeader id="services" title="Services" description="Each one is an ordinary service: open it for its logs, stats and rollouts." />
      {services.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">No services yet: they are created when the stack is applied.</p>
      ) : (
        <>
          <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800" aria-label="Services">
            {services.map((s) => (
              <li key={s.serviceId} className="space-y-2 px-5 py-4" data-testid="stack-service" data-key={s.key}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={`/services/${s.serviceId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {s.key}
                  </Link>
                  <span><ServiceStateBadge service={s} /><EgressProofBadge serviceId={s.serviceId} /></span>
                </div>
                <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{s.image}</p>
                <p className="text-xs text-zinc-600 dark:text-zinc-300">ports {ports(s)}</p>
                <Actions s={s} onAction={onAction} disabled={busy} />
              </li>
            ))}
          </ul>
          <Table className="hidden md:block" columns={["Service", "State", "Ports", "Image", { label: "Actions", className: "text-right" }]}>
            {services.map((s) => (
              <TableRow key={s.serviceId}>
                <td className="px-5 py-3" data-testid="stack-service" data-key={s.key}>
                  <Link href={`/services/${s.serviceId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {s.key}
                  </Link>
                  <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{s.name}</p>
                </td>
                <td className="px-5 py-3">
                  <ServiceStateBadge service={s} />
                  <EgressProofBadge serviceId={s.serviceId} />
                </td>
                <td className="px-5 py-3 font-mono text-xs">{ports(s)}</td>
                <td className="max-w-56 truncate px-5 py-3 font-mono text-xs" title={s.image}>
                  {s.image}
                </td>
                <td className="px-5 py-3">
                  <span className="flex justify-end">
                    <Actions s={s} onAction={onAction} disabled={busy} />
                  </span>
                </td>
              </TableRow>
            ))}
          </Table>
        </>
      )}
    </Card>
  );
}
