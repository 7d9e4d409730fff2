// Per Route: its proxy entry in Caddy and its tunnel rule, each with its status and the reason.
// A table on wide screens, stacked cards on phones.
"use client";

import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconGlobe } from "@/components/ui/icons";
import type { EntryView } from "@/lib/ingress/schemas";
import { isRemote } from "@/lib/routes/exposure";
import type { TunnelRuleStatus } from "@/lib/tunnel/schemas";
import { StatusBadge } from "./status-badge";
import { TlsEditor } from "./tls-editor";

function TunnelCell({ entry, rules }: { entry: EntryView; rules: TunnelRuleStatus[] | null }) {
  if (!isRemote(entry.exposure)) return <span className="text-xs text-zinc-500 dark:text-zinc-400">LAN only</span>;
  if (rules === null) return <span className="text-xs text-zinc-500 dark:text-zinc-400">Checking…</span>;
  const mine = rules.filter((r) => r.routeId === entry.routeId);
  if (mine.length === 0) return <span className="text-xs text-zinc-500 dark:text-zinc-400">No tunnel set up</span>;
  return (
    <div className="flex flex-col gap-1">
      {mine.map((r) => (
        <span key={r.tunnelId} className="flex flex-wrap items-center gap-2">
          <StatusBadge status={r.status} detail={r.detail} />
          {r.detail && <span className="text-xs text-zinc-500 dark:text-zinc-400">{r.detail}</span>}
        </span>
      ))}
    </div>
  );
}

function ProxyCell({ e }: { e: EntryView }) {
  return (
    <div className="flex flex-col gap-1">
      <StatusBadge status={e.status} detail={e.detail} />
      {e.detail && e.status !== "ok" && <span className="text-xs break-words text-zinc-500 dark:text-zinc-400">{e.detail}</span>}
    </div>
  );
}

/** `rules` is null while the tunnel rules are still being read. */
export function ProxyEntries({ entries, rules }: { entries: EntryView[]; rules: TunnelRuleStatus[] | null }) {
  return (
    <Card aria-labelledby="entries-title">
      <CardHeader id="entries-title" title="Routes" description="Each Route's reverse-proxy entry and tunnel rule. Statuses come from Caddy's config and a request sent through Caddy." />
      {entries.length === 0 ? (
        <EmptyState icon={<IconGlobe className="size-6" />} title="No routes yet">
          Create a <Link href="/routes/new" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">route</Link> and it gets a proxy entry here.
        </EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800">
            {entries.map((e) => (
              <li key={e.routeId} className="space-y-2 px-5 py-4">
                <Link href={`/routes/${e.routeId}`} className="block font-medium break-all text-zinc-900 hover:underline dark:text-zinc-100">{e.hostname}</Link>
                <div className="flex flex-wrap items-center gap-2">
                  <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">→ {e.upstream ?? "no upstream"}</p>
                  <TlsEditor entry={e} />
                </div>
                <div className="grid grid-cols-2 gap-3 text-sm">
                  <div><p className="mb-1 text-xs text-zinc-500 dark:text-zinc-400">Proxy</p><ProxyCell e={e} /></div>
                  <div><p className="mb-1 text-xs text-zinc-500 dark:text-zinc-400">Tunnel</p><TunnelCell entry={e} rules={rules} /></div>
                </div>
              </li>
            ))}
          </ul>
          <div className="relative hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
                <tr className="border-b border-zinc-200 dark:border-zinc-800">
                  <th scope="col" className="px-5 py-2 font-medium">Hostname</th>
                  <th scope="col" className="px-5 py-2 font-medium">Upstream</th>
                  <th scope="col" className="px-5 py-2 font-medium">TLS</th>
                  <th scope="col" className="px-5 py-2 font-medium">Proxy entry</th>
                  <th scope="col" className="px-5 py-2 font-medium">Tunnel rule</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {entries.map((e) => (
                  <tr key={e.routeId} className="align-top">
                    <td className="px-5 py-3"><Link href={`/routes/${e.routeId}`} className="font-medium break-all text-zinc-900 hover:underline dark:text-zinc-100">{e.hostname}</Link></td>
                    <td className="px-5 py-3 font-mono text-xs break-all text-zinc-600 dark:text-zinc-300">{e.upstream ?? "—"}</td>
                    <td className="px-3 py-2"><TlsEditor entry={e} /></td>
                    <td className="max-w-xs px-5 py-3"><ProxyCell e={e} /></td>
                    <td className="max-w-xs px-5 py-3"><TunnelCell entry={e} rules={rules} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
