// A check's status pill that follows the live stream: checks/status events carry the new status,
// so it changes without a refetch (the server-rendered status is the starting point).
"use client";

import { useState } from "react";
import { useLiveEvents } from "@/lib/client/live";
import { CheckStatusSchema, type CheckStatus } from "@/lib/probes/schemas";
import { StatusPill } from "./status-pill";

export function LiveCheckStatus({ checkId, initial }: { checkId: string; initial: CheckStatus }) {
  // What the stream said, and the server-rendered status it replaced (a fresh render wins).
  const [seen, setSeen] = useState<{ over: CheckStatus; status: CheckStatus } | null>(null);
  useLiveEvents({
    types: ["checks/status"],
    onEvent: (e) => {
      if (e.type !== "checks/status") return;
      const parsed = CheckStatusSchema.safeParse(e.checks.find((c) => c.checkId === checkId)?.status);
      if (parsed.success) setSeen({ over: initial, status: parsed.data });
    },
  });
  return <StatusPill status={seen && seen.over === initial ? seen.status : initial} />;
}
