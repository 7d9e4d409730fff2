// What a host's firewall lets in and out, per interface, in words; Docker's chains as one summary;
// every hooked chain's rules behind a disclosure for those who want them.
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { DirectionWords, FirewallView } from "@/lib/firewall/schemas";

function Words({ label, items }: { label: string; items: DirectionWords[] }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      {items.map((w, i) => (
        <dd key={`${w.table}-${i}`} className="mt-1 text-sm text-zinc-800 dark:text-zinc-200">
          {w.words}
          {w.table && <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">({w.table})</span>}
        </dd>
      ))}
    </div>
  );
}

export function FirewallViewCard({ view }: { view: FirewallView }) {
  // Interfaces that carry traffic first; down ones without an address are only named.
  const idle = view.interfaces.filter((i) => !i.up && i.addresses.length === 0);
  const shown = view.interfaces.filter((i) => !idle.includes(i)).sort((a, b) => Number(b.up) - Number(a.up) || Number(a.name === "lo") - Number(b.name === "lo"));
  return (
    <Card data-testid="firewall-view">
      <CardHeader title="Allowed in and out" description="Per interface, what each firewall table hooked on input and output lets through, in rule order." />
      <CardBody className="space-y-4">
        <ul className="space-y-3">
          {shown.map((i) => (
            <li key={i.name} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="firewall-interface">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-sm font-semibold text-zinc-900 dark:text-zinc-100">{i.name}</span>
                <Badge tone={i.up ? "success" : "neutral"}>{i.up ? "up" : "down"}</Badge>
                <span className="text-xs break-all text-zinc-500 dark:text-zinc-400">{i.addresses.join(", ") || "no address"}</span>
              </div>
              <dl className="mt-2 grid gap-3 sm:grid-cols-2">
                <Words label={`In on ${i.name}`} items={i.inbound} />
                <Words label={`Out on ${i.name}`} items={i.outbound} />
              </dl>
            </li>
          ))}
        </ul>
        {idle.length > 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">Also {idle.map((i) => i.name).join(", ")}: down, no address.</p>}
        {view.docker && (
          <p className="rounded-lg bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950/40 dark:text-sky-200" data-testid="firewall-docker">
            {view.docker.summary}
          </p>
        )}
        {view.notes.length > 0 && (
          <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            {view.notes.map((n) => <li key={n}>{n}</li>)}
          </ul>
        )}
        {view.chains.length > 0 && (
          <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <summary className="cursor-pointer text-sm font-medium text-zinc-800 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-200">Hooked chains and their rules ({view.chains.length})</summary>
            <ul className="mt-3 space-y-3">
              {view.chains.map((c) => (
                <li key={`${c.table}/${c.name}`}>
                  <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
                    <span className="font-mono">{c.table} {c.name}</span> — {c.hook}, policy {c.policy}
                    {c.homeport && <Badge tone="accent" className="ml-2">Homeport&apos;s</Badge>}
                    {c.docker && <Badge tone="info" className="ml-2">Docker</Badge>}
                  </p>
                  <ol className="mt-1 list-decimal space-y-0.5 pl-6 text-sm text-zinc-700 dark:text-zinc-300">
                    {c.rules.map((r, i) => <li key={i}>{r.text}</li>)}
                    {c.rules.length === 0 && <li className="list-none text-zinc-500">no rules: the policy decides</li>}
                  </ol>
                </li>
              ))}
            </ul>
          </details>
        )}
      </CardBody>
    </Card>
  );
}
