// A service's state as a badge ("Running", "Stopped", "Exited (137)", "Deploy failed"…) with why in its title,
// and its uptime ("up 2 h") worded after hydration, with the observation time only in the title.
"use client";

import { useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/badge";
import { shortDuration, utcTime } from "@/lib/client/format";
import type { ServiceStatus } from "@/lib/inventory/service-state";

const noop = () => () => undefined;

export function ServiceStateBadge({ status }: { status: ServiceStatus }) {
  return (
    <span data-testid="service-state" data-state={status.kind} title={status.detail ?? undefined}>
      <Badge tone={status.tone}>{status.label}</Badge>
    </span>
  );
}

/** "up 2 h" from the container's start; "—" when it is not running. */
export function Uptime({ status, className }: { status: ServiceStatus; className?: string }) {
  const inBrowser = useSyncExternalStore(noop, () => true, () => false);
  if (!status.startedAt) return <span className={className}>—</span>;
  const title = `Started ${inBrowser ? new Date(status.startedAt).toLocaleString() : utcTime(status.startedAt)}${status.observedAt ? ` · observed ${utcTime(status.observedAt)}` : ""}`;
  return (
    <time dateTime={status.startedAt} title={title} className={className}>
      {inBrowser ? `up ${shortDuration(status.startedAt)}` : `since ${utcTime(status.startedAt)}`}
    </time>
  );
}
