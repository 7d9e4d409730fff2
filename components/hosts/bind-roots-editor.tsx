// Admins list the folders services on a host may bind-mount (one per line). The server refuses
// system folders; the host's agent must allow the folder too (--allow-bind).
"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Textarea } from "@/components/ui/field";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";

export function BindRootsEditor({ hostId, initial }: { hostId: string; initial: string[] }) {
  const api = useApi();
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState(initial.join("\n"));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const roots = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const changed = roots.join("\n") !== initial.join("\n");

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.patch(`/api/v1/hosts/${hostId}`, { bindRoots: roots });
      setSaved(true);
      router.refresh();
    } catch (err) {
      // Name the line the server refused ("bindRoots.1" is the second line).
      const issue = err instanceof ApiRequestError ? err.issues.find((i) => i.path.startsWith("bindRoots")) : undefined;
      const line = issue ? Number(issue.path.split(".")[1]) : NaN;
      setError(issue && Number.isInteger(line) ? `Line ${line + 1} (${roots[line]}): ${issue.message}` : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-medium">
        Bind-mount folders
      </label>
      <Textarea
        id={id}
        rows={Math.max(3, roots.length + 1)}
        value={text}
        placeholder={"/srv/media\n/srv/appdata"}
        invalid={error !== null}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }}
      />
      <Hint id={`${id}-hint`}>One folder per line; services may mount it and anything below it. Empty allows none. Named volumes always work.</Hint>
      <FieldError id={`${id}-error`} message={error ?? undefined} />
      <div className="flex items-center gap-3">
        <Button size="sm" onClick={() => void save()} loading={busy} disabled={!changed}>
          Save folders
        </Button>
        {saved && !changed && (
          <span role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
            Saved
          </span>
        )}
      </div>
    </div>
  );
}
