// The host page's "Probes from": on the LAN, or away. An agent away from home (a laptop, a small
// VPS) is the remote vantage point that proves a route works from outside.
"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Select } from "@/components/ui/field";
import { errorMessage, useApi } from "@/lib/client/api";

type Vantage = "lan" | "remote";

export function HostVantageSelect({ hostId, initial, disabled }: { hostId: string; initial: Vantage; disabled?: boolean }) {
  const api = useApi();
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState<Vantage>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(next: Vantage) {
    const previous = value;
    setValue(next);
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/v1/hosts/${hostId}`, { vantage: next });
      router.refresh();
    } catch (err) {
      setValue(previous);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="sr-only">
        Probes from
      </label>
      <Select id={id} value={value} disabled={disabled || busy} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => void change(e.target.value as Vantage)}>
        <option value="lan">On the LAN</option>
        <option value="remote">Away (remote vantage point)</option>
      </Select>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
