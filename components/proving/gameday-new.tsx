// "New game day": kind → scope → duration → the blast-radius confirmation → start. The plan is
// asked from the server (it reads the lab and the agents' capabilities); the whole-LAN kind asks
// the user to type the confirmation words. Admin only (the page hides it for other roles).
"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { errorMessage, useApi } from "@/lib/client/api";
import { GAMEDAY_KINDS, type GameDayKind, type GameDayOptions, type PlanView } from "@/lib/gamedays/schemas";
import { DURATION_PRESETS, experimentOf, KIND_HINT, KIND_LABEL, type FormState } from "./gameday-model";
import { LanNetsEditor } from "./gameday-lan-nets";
import { PlanPanel } from "./gameday-plan";

const INITIAL: FormState = { kind: "kill-service", target: "", container: "", delayMs: 200, lossPct: 0, durationSec: 60 };

function Targets({ f, set, options, id }: { f: FormState; set: (p: Partial<FormState>) => void; options: GameDayOptions; id: string }) {
  const hosts = options.hosts;
  const hostOption = (h: GameDayOptions["hosts"][number]) => (
    <option key={h.id} value={h.id} disabled={!h.online || !h.allowFaults}>
      {h.name} {!h.online ? "(offline)" : !h.allowFaults ? "(faults off)" : ""}
    </option>
  );
  switch (f.kind) {
    case "internet-down":
      return (
        <Field id={id} label="Scope" hint={`Kept reachable: ${options.localNets.join(", ")}, each LAN host's /24 and Homeport's own address.`}>
          <Select id={id} value={f.target} onChange={(e) => set({ target: e.target.value })}>
            <option value="">The whole LAN (every online agent)</option>
            {hosts.filter((h) => h.vantage !== "remote").map(hostOption)}
          </Select>
        </Field>
      );
    case "cut-agent":
      return (
        <Field id={id} label="Host">
          <Select id={id} value={f.target} onChange={(e) => set({ target: e.target.value })}>
            <option value="">Pick a host…</option>
            {hosts.map(hostOption)}
          </Select>
        </Field>
      );
    case "kill-service":
    case "netem": {
      const netemHosts = new Set(hosts.filter((h) => h.netem).map((h) => h.id));
      return (
        <Field id={id} label="Service" hint={f.kind === "netem" && netemHosts.size === 0 ? "No host's kernel has netem: latency and loss cannot be injected anywhere." : undefined}>
          <Select id={id} value={f.target} onChange={(e) => set({ target: e.target.value })}>
            <option value="">Pick a service…</option>
            {options.services.map((s) => (
              <option key={s.id} value={s.id} disabled={!s.container || (f.kind === "netem" && !netemHosts.has(s.hostId))}>
                {s.name} on {s.hostName} {!s.container ? "(no container)" : f.kind === "netem" && !netemHosts.has(s.hostId) ? "(no netem on its host)" : ""}
              </option>
            ))}
          </Select>
        </Field>
      );
    }
    case "stop-dns":
      return (
        <Field id={id} label="DNS server" hint="Containers that look like DNS servers come first.">
          <Select
            id={id}
            value={f.target && f.container ? `${f.target}/${f.container}` : ""}
            onChange={(e) => {
              const [target = "", container = ""] = e.target.value.split("/");
              set({ target, container });
            }}
          >
            <option value="">Pick a container…</option>
            {[...options.containers].sort((a, b) => Number(b.likelyDns) - Number(a.likelyDns)).map((c) => (
              <option key={`${c.hostId}/${c.name}`} value={`${c.hostId}/${c.name}`}>
                {c.name} ({c.image}) on {c.hostName}
              </option>
            ))}
          </Select>
        </Field>
      );
    case "stop-tunnel":
      return (
        <Field id={id} label="Tunnel">
          <Select id={id} value={f.target} onChange={(e) => set({ target: e.target.value })}>
            <option value="">Pick a tunnel…</option>
            {options.tunnels.map((t) => (
              <option key={t.id} value={t.id} disabled={!t.container}>
                {t.name} {t.hostName ? `on ${t.hostName}` : "(not deployed by Homeport)"}
              </option>
            ))}
          </Select>
        </Field>
      );
  }
}

export function NewGameDay({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const router = useRouter();
  const ids = useId();
  const [f, setF] = useState<FormState>(INITIAL);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [confirm, setConfirm] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = useQuery({ queryKey: ["gamedays", "options"], queryFn: ({ signal }) => api.get<GameDayOptions>("/api/v1/gamedays/options", signal) });
  const set = (p: Partial<FormState>) => {
    setF((old) => ({ ...old, ...p }));
    setPlan(null);
    setError(null);
  };
  const experiment = experimentOf(f);
  const body = typeof experiment === "string" ? null : { experiment, durationSec: f.durationSec };

  const preview = async () => {
    if (!body) return;
    setPending(true);
    setError(null);
    try {
      setPlan(await api.post<PlanView>("/api/v1/gamedays/plan", body));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  const start = async () => {
    if (!body) return;
    setPending(true);
    setError(null);
    try {
      const r = await api.post<{ id: string }>("/api/v1/gamedays", { ...body, ...(plan?.confirmWord ? { confirm } : {}) });
      router.push(`/proving/game-days/${r.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  };
  const canStart = !!plan && plan.blockers.length === 0 && (!plan.confirmWord || confirm.trim() === plan.confirmWord) && !pending;

  return (
    <Card data-testid="gameday-new">
      <CardHeader title="New game day" description="A real fault, injected by the agents and always reverted: at the deadline each agent undoes it by itself, even if Homeport is down." />
      <CardBody className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium">Experiment</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {GAMEDAY_KINDS.map((k: GameDayKind) => (
              <label key={k} className="flex cursor-pointer gap-2 rounded-lg border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/60 dark:border-zinc-800 dark:has-[:checked]:bg-indigo-950/30">
                <input type="radio" name={`${ids}-kind`} value={k} checked={f.kind === k} onChange={() => set({ kind: k, target: "", container: "" })} className="mt-0.5" />
                <span>
                  <span className="font-medium">{KIND_LABEL[k]}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{KIND_HINT[k]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {options.isError && <Alert tone="error">The hosts and services could not be read: {options.error.message}</Alert>}
        {options.data && <Targets f={f} set={set} options={options.data} id={`${ids}-target`} />}
        {options.data && f.kind === "internet-down" && <LanNetsEditor key={options.data.localNets.join()} initial={options.data.localNets} />}
        {f.kind === "netem" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id={`${ids}-delay`} label="Delay (ms)">
              <Input id={`${ids}-delay`} type="number" min={0} max={10000} value={f.delayMs} onChange={(e) => set({ delayMs: Number(e.target.value) })} />
            </Field>
            <Field id={`${ids}-loss`} label="Loss (%)">
              <Input id={`${ids}-loss`} type="number" min={0} max={100} value={f.lossPct} onChange={(e) => set({ lossPct: Number(e.target.value) })} />
            </Field>
          </div>
        )}
        <Field id={`${ids}-duration`} label="Duration" hint="Between 10 seconds and 1 hour.">
          <div className="flex flex-wrap items-center gap-2">
            <div className="w-28">
              <Input id={`${ids}-duration`} type="number" min={10} max={3600} value={f.durationSec} onChange={(e) => set({ durationSec: Number(e.target.value) })} aria-label="Duration in seconds" />
            </div>
            <span className="text-sm text-zinc-500">seconds</span>
            {DURATION_PRESETS.map((p) => (
              <Button key={p.sec} type="button" size="sm" variant={f.durationSec === p.sec ? "primary" : "secondary"} onClick={() => set({ durationSec: p.sec })}>
                {p.label}
              </Button>
            ))}
          </div>
        </Field>
        {!plan && (
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => void preview()} disabled={!body || pending} data-testid="gameday-preview">
              Show the blast radius
            </Button>
            <Button type="button" variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            {typeof experiment === "string" && <span className="self-center text-sm text-zinc-500">{experiment}</span>}
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        {plan && (
          <section aria-label="Blast radius" className="space-y-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <PlanPanel plan={plan} />
            {plan.confirmWord && (
              <Field id={`${ids}-confirm`} label={`Type "${plan.confirmWord}" to confirm`} hint="Every agent on the LAN loses the internet until the deadline.">
                <Input id={`${ids}-confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
              </Field>
            )}
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="danger" onClick={() => void start()} disabled={!canStart} data-testid="gameday-start">
                Start game day
              </Button>
              <Button type="button" variant="secondary" onClick={() => setPlan(null)}>
                Change
              </Button>
            </div>
          </section>
        )}
      </CardBody>
    </Card>
  );
}
