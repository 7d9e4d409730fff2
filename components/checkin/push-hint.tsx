// "Get incidents on this phone": points to an ntfy channel (Reachability → Notifications) and,
// when channels exist that do not know Homeport's address yet, offers to link their
// notifications to this page (the address this phone uses). No third-party push service.
"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ChannelView } from "@/lib/probes/schemas";
import { useApi } from "@/lib/client/api";
import { QuickAction } from "./quick-action";

export function PushHint({ offline }: { offline: boolean }) {
  const api = useApi();
  const qc = useQueryClient();
  const channels = useQuery({
    queryKey: ["checkin", "channels"],
    queryFn: ({ signal }) => api.get<{ items: ChannelView[] }>("/api/v1/notifications", signal),
    enabled: !offline,
    retry: false,
  });
  if (offline || !channels.data) return null;
  const linkable = channels.data.items.filter((c) => (c.kind === "ntfy" || c.kind === "webhook") && c.enabled);
  const ntfy = linkable.filter((c) => c.kind === "ntfy");
  const unlinked = linkable.filter((c) => typeof c.config.appUrl !== "string");
  return (
    <section aria-labelledby="ci-push" className="rounded-xl border border-zinc-300 bg-white px-4 py-3 text-sm text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
      <h2 id="ci-push" className="text-base font-semibold text-zinc-950 dark:text-zinc-50">Incidents on this phone</h2>
      {ntfy.length === 0 ? (
        <>
          <p className="mt-1">
            Add an <strong>ntfy</strong> channel (your own ntfy server works offline on the LAN), subscribe to its topic in the ntfy app, and pick the channel on your checks.
            Tapping a notification opens this page.
          </p>
          <Link href="/reachability/notifications" className="inline-flex min-h-11 items-center font-semibold text-indigo-800 underline dark:text-indigo-300">Set up notifications</Link>
        </>
      ) : unlinked.length === 0 ? (
        <p className="mt-1">Incidents reach this phone through ntfy ({ntfy.map((c) => c.name).join(", ")}); tapping one opens this page.</p>
      ) : (
        <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p>Notifications of {unlinked.map((c) => c.name).join(", ")} do not link here yet.</p>
          <div className="flex justify-end">
            <QuickAction
              tone="secondary"
              scope="admin"
              label="Link to this page"
              title="Open this page from notifications?"
              description={`Incident notifications of ${unlinked.map((c) => c.name).join(", ")} will link to ${window.location.origin}/check-in — the address this phone uses now.`}
              confirmLabel="Link"
              done="Notifications now open the check-in page"
              run={() => Promise.all(unlinked.map((c) => api.patch(`/api/v1/notifications/${c.id}`, { config: { ...c.config, appUrl: window.location.origin } })))}
              onDone={() => void qc.invalidateQueries({ queryKey: ["checkin", "channels"] })}
            />
          </div>
        </div>
      )}
    </section>
  );
}
