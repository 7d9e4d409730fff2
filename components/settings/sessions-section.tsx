// Sessions: how many are active, and "Sign out everywhere" (this device included).
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useApi, errorMessage } from "@/lib/client/api";

export function SessionsSection({ activeSessions }: { activeSessions: number }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const api = useApi();

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await api.post("/api/auth/logout-all");
      window.location.assign("/login");
    } catch (err) {
      setPending(false);
      setError(errorMessage(err));
    }
  };

  return (
    <Card aria-labelledby="sessions-title">
      <CardHeader id="sessions-title" title="Sessions" description="Browsers where you are signed in." />
      <CardBody className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm">
          <span className="text-2xl font-semibold tabular-nums" data-testid="session-count">
            {activeSessions}
          </span>{" "}
          active session{activeSessions === 1 ? "" : "s"}, this one included.
        </p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Sign out everywhere
        </Button>
      </CardBody>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={confirm}
        pending={pending}
        title="Sign out everywhere?"
        description="Every session ends, including this one. You will need to sign in again on each device. API tokens keep working."
        confirmLabel="Sign out everywhere"
        error={error && <Alert tone="error">{error}</Alert>}
      />
    </Card>
  );
}
