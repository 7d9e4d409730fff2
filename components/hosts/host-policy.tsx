// The host page's "Host policy": the policy the host's agent enforces (set on the
// host itself, shown read-only) beside the bind-mount folders an admin allows in Homeport. A bind
// mount needs both; everything else the policy does not allow is refused by the agent.
import type { HostPolicy } from "@/lib/protocol/policy";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { BindRootsEditor } from "./bind-roots-editor";

const POWERS: { key: keyof HostPolicy; label: string; flag: string }[] = [
  { key: "allowPrivileged", label: "Privileged mode", flag: "--allow-privileged" },
  { key: "allowHostNetwork", label: "Host network", flag: "--allow-host-network" },
  { key: "allowHostPid", label: "Host PID namespace", flag: "--allow-host-pid" },
  { key: "allowGpus", label: "GPUs", flag: "--allow-gpus" },
];

function List({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {items.map((i) => (
        <li key={i}>
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs break-all dark:bg-zinc-800">{i}</code>
        </li>
      ))}
    </ul>
  );
}

export function HostPolicyCard({ hostId, policy, bindRoots, canEdit }: { hostId: string; policy: HostPolicy | null; bindRoots: string[]; canEdit: boolean }) {
  return (
    <Card aria-labelledby="host-policy">
      <CardHeader
        id="host-policy"
        title="Host policy"
        description="The host's owner sets its policy on the host (agent flags); Homeport cannot widen it. Bind mounts need a folder allowed on both sides."
      />
      <div className="grid gap-5 px-5 py-4 text-sm md:grid-cols-2">
        <section aria-labelledby="host-policy-agent" className="space-y-3">
          <h3 id="host-policy-agent" className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">
            Set on the host
          </h3>
          {policy === null ? (
            <p className="text-zinc-600 dark:text-zinc-300">The agent has not reported a policy yet (it does when it connects; older agents never do, and allow nothing extra).</p>
          ) : (
            <dl className="space-y-2">
              <div>
                <dt className="font-medium">Bind-mount folders</dt>
                <dd className="mt-1">
                  <List items={policy.bindRoots} empty="None (--allow-bind <folder>)" />
                </dd>
              </div>
              <div>
                <dt className="font-medium">Extra powers</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">
                  {POWERS.map((p) => (
                    <Badge key={p.key} tone={policy[p.key] ? "warning" : "neutral"}>
                      {`${p.label}: ${policy[p.key] ? "allowed" : "refused"}`}
                    </Badge>
                  ))}
                </dd>
              </div>
              <div>
                <dt className="font-medium">Capabilities</dt>
                <dd className="mt-1">
                  <List items={policy.allowedCapabilities} empty="None added (--allow-cap NAME)" />
                </dd>
              </div>
              <div>
                <dt className="font-medium">Devices</dt>
                <dd className="mt-1">
                  <List items={policy.allowedDevices} empty="None (--allow-device /dev/…)" />
                </dd>
              </div>
            </dl>
          )}
        </section>
        <section aria-labelledby="host-policy-admin" className="space-y-3">
          <h3 id="host-policy-admin" className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">
            Allowed in Homeport
          </h3>
          {canEdit ? <BindRootsEditor hostId={hostId} initial={bindRoots} /> : <List items={bindRoots} empty="No bind-mount folders (named volumes always work)" />}
        </section>
      </div>
    </Card>
  );
}
