// The read-only inspect view of a service's container: state, config, ports, mounts, networks, env
// (values for admins only, secrets always masked) and labels, with copy-as-JSON and refresh.
"use client";

import { useCallback, useEffect, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { useApi, errorMessage } from "@/lib/client/api";
import type { ContainerInspectView } from "@/lib/protocol/exec";

const mib = (b: number) => (b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(b / 1024 ** 2)} MiB`);

function Section({ title, children, count }: { title: string; children: React.ReactNode; count?: number }) {
  return (
    <section className="min-w-0">
      <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {title}
        {count !== undefined && <span className="ml-1 font-normal text-zinc-500 dark:text-zinc-400">({count})</span>}
      </h3>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd className="min-w-0 break-words font-mono text-xs text-zinc-900 sm:text-sm dark:text-zinc-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ head, rows, empty }: { head: string[]; rows: React.ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <thead className="bg-zinc-50 text-xs text-zinc-500 uppercase dark:bg-zinc-800/60 dark:text-zinc-400">
          <tr>{head.map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r, i) => (
            <tr key={i}>{r.map((c, j) => <td key={j} className="px-3 py-2 align-top font-mono text-xs break-all">{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ContainerInspect({ serviceId }: { serviceId: string }) {
  const api = useApi();
  const [data, setData] = useState<ContainerInspectView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<ContainerInspectView>(`/api/v1/services/${serviceId}/inspect`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [api, serviceId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads once on mount; the result arrives asynchronously
    void load();
  }, [load]);

  return (
    <Card>
      <CardHeader
        title="Inspect"
        description="What Docker reports about the container, read-only."
        actions={
          <>
            <Button variant="ghost" size="sm" onClick={() => void load()} loading={loading && data !== null}>Refresh</Button>
            {data && <CopyButton value={JSON.stringify(data, null, 2)} label="Copy as JSON" />}
          </>
        }
      />
      <CardBody className="space-y-6" >
        {error && <Alert tone="error" title="Could not inspect the container">{error}</Alert>}
        {!data && loading && <Skeleton className="h-40 w-full" />}
        {data && (
          <div className="space-y-6" data-testid="container-inspect">
            <Section title="State">
              <Facts
                rows={[
                  ["Status", `${data.state.status}${data.state.health ? ` (${data.state.health})` : ""}${data.state.oomKilled ? ", killed for memory" : ""}`],
                  ["Started", data.state.running ? <Time key="s" iso={data.state.startedAt} /> : "—"],
                  ...(!data.state.running ? ([["Exit code", String(data.state.exitCode)]] as [string, React.ReactNode][]) : []),
                  ["Restarts", String(data.restartCount)],
                  ["Container", `${data.name} (${data.id.slice(0, 12)})`],
                  ["Image", data.image],
                ]}
              />
            </Section>
            <Section title="Config">
              <Facts
                rows={[
                  ["Entrypoint", data.config.entrypoint.join(" ") || "—"],
                  ["Command", data.config.cmd.join(" ") || "—"],
                  ["Working dir", data.config.workingDir || "/"],
                  ["User", data.config.user || "image default"],
                  ["Hostname", data.config.hostname],
                  ["Restart policy", data.hostConfig.restartPolicy],
                  ["Network mode", data.hostConfig.networkMode],
                  ["Memory limit", data.hostConfig.memoryBytes > 0 ? mib(data.hostConfig.memoryBytes) : "none"],
                  ["CPU limit", data.hostConfig.nanoCpus > 0 ? `${data.hostConfig.nanoCpus / 1e9} CPUs` : "none"],
                  ["Privileged", data.hostConfig.privileged ? "yes" : "no"],
                  ["Read-only root", data.hostConfig.readonlyRootfs ? "yes" : "no"],
                  ...(data.hostConfig.capAdd.length ? ([["Added capabilities", data.hostConfig.capAdd.join(", ")]] as [string, React.ReactNode][]) : []),
                ]}
              />
            </Section>
            <Section title="Ports" count={data.ports.length}>
              <Table head={["Container", "Published on"]} rows={data.ports.map((p) => [p.container, p.host ?? "not published"])} empty="No ports exposed." />
            </Section>
            <Section title="Mounts" count={data.mounts.length}>
              <Table head={["Type", "Source", "Destination", "Mode"]} rows={data.mounts.map((m) => [m.type, m.source, m.destination, m.readOnly ? "read-only" : "read-write"])} empty="No volumes or bind mounts." />
            </Section>
            <Section title="Networks" count={data.networks.length}>
              <Table head={["Network", "IP address", "Gateway", "Aliases"]} rows={data.networks.map((n) => [n.name, n.ipAddress || "—", n.gateway || "—", n.aliases.join(", ") || "—"])} empty="Not attached to a network." />
            </Section>
            <Section title="Environment" count={data.config.env.length}>
              {!data.valuesShown && <p className="mb-2 text-sm text-zinc-500 dark:text-zinc-400">Values are shown to admins only.</p>}
              <Table
                head={["Name", "Value"]}
                rows={data.config.env.map((e) => [
                  e.name,
                  e.masked ? <span key="m" className="text-zinc-500 dark:text-zinc-400" title={data.valuesShown ? "Looks like a secret: never shown" : "Admins only"}>•••••• {data.valuesShown ? "secret, hidden" : "hidden"}</span> : e.value,
                ])}
                empty="No environment variables."
              />
            </Section>
            <details>
              <summary className="cursor-pointer text-sm font-semibold text-zinc-900 dark:text-zinc-100">Labels ({Object.keys(data.config.labels).length})</summary>
              <div className="mt-2">
                <Table head={["Label", "Value"]} rows={Object.entries(data.config.labels).map(([k, v]) => [k, v])} empty="No labels." />
              </div>
            </details>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
