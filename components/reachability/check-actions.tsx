// Pause/resume a check and acknowledge an incident from the desktop: hidden from viewers (the
// server refuses them too); each shows who did it and when once done.
"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { errorMessage, useApi } from "@/lib/client/api";
import { useCan } from "@/components/auth/role-context";

type PauseProps = { checkId: string; name: string; paused: boolean; size?: "sm" | "md" };

export function PauseButton(props: PauseProps) {
  return useCan("write") ? <PauseAction {...props} /> : null;
}

function PauseAction({ checkId, name, paused, size = "md" }: PauseProps) {
  const api = useApi();
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const toggle = async () => {
    setPending(true);
    try {
      await api.post(`/api/v1/checks/${checkId}/pause`, { paused: !paused });
      toast(paused ? `Resumed ${name}` : `Paused ${name}: not probed, no incidents, no notifications`);
      router.refresh();
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Button variant="secondary" size={size} loading={pending} onClick={toggle} aria-label={`${paused ? "Resume" : "Pause"} ${name}`}>
      {paused ? "Resume" : "Pause"}
    </Button>
  );
}

type AckProps = { incidentId: string; checkName: string };

export function AcknowledgeButton(props: AckProps) {
  return useCan("write") ? <AcknowledgeAction {...props} /> : null;
}

function AcknowledgeAction({ incidentId, checkName }: AckProps) {
  const api = useApi();
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const ack = async () => {
    setPending(true);
    try {
      await api.post(`/api/v1/checks/incidents/${incidentId}/acknowledge`, {});
      toast(`Acknowledged: ${checkName}`);
      router.refresh();
    } catch (err) {
      toast(errorMessage(err));
      setPending(false);
    }
  };
  return (
    <Button variant="secondary" size="sm" loading={pending} onClick={ack} aria-label={`Acknowledge the incident of ${checkName}`}>
      Acknowledge
    </Button>
  );
}
