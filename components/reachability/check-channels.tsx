// Per-check routing: which notification channels hear about this check's incidents.
"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useApi } from "@/lib/client/api";
import type { ChannelView, CheckView } from "@/lib/probes/schemas";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function CheckChannels({ checkId, selected, channels }: { checkId: string; selected: string[]; channels: Pick<ChannelView, "id" | "name" | "kind">[] }) {
  const api = useApi();
  const toast = useToast();
  const [chosen, setChosen] = useState(new Set(selected));
  const save = useMutation({
    mutationFn: () => api.patch<CheckView>(`/api/v1/checks/${checkId}`, { channels: [...chosen] }),
    onSuccess: () => toast("Notification routing saved"),
    onError: (err) => toast(errorMessage(err), "error"),
  });
  if (channels.length === 0) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No channels yet — add one under Reachability → Notifications.</p>;
  }
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Channels notified about this check</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {channels.map((c) => (
          <label key={c.id} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
            <input
              type="checkbox"
              className="size-4 rounded border-zinc-300 text-indigo-600 dark:border-zinc-600"
              checked={chosen.has(c.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(c.id);
                else next.delete(c.id);
                setChosen(next);
              }}
            />
            {c.name} <span className="text-xs text-zinc-500">({c.kind})</span>
          </label>
        ))}
      </div>
      <Button size="sm" variant="secondary" loading={save.isPending} onClick={() => save.mutate()}>
        Save routing
      </Button>
    </fieldset>
  );
}
