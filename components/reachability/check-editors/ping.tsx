// The ping (ICMP echo) check's editor: a host, how many echo requests and how long to wait for each reply.
"use client";

import { Field, Input, describedBy } from "@/components/ui/field";
import { MAX_PING_COUNT, MAX_PING_WAIT_SEC } from "@/lib/probes/engine/schemas";
import { NumberField, num, str } from "./controls";
import { hostRefusal } from "./tcp";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export type PingModel = { host: string; pingCount: string; perPingTimeoutSec: string };

function PingFields({ model, errors, update, readOnly = false }: CheckEditorProps<PingModel>) {
  const e = (k: string) => errors[`target.${k}`];
  return (
    <div className="grid grid-cols-1 gap-5 sm:grid-cols-4">
      <Field id="check-host" label="Host" className="sm:col-span-2" error={e("host")} hint="A host name or IP address to ping.">
        <Input id="check-host" autoComplete="off" spellCheck={false} className="font-mono" placeholder="192.168.1.1" value={model.host} disabled={readOnly} invalid={!!e("host")} aria-describedby={describedBy("check-host", { hint: true, error: e("host") })} onChange={(ev) => update({ host: ev.target.value })} />
      </Field>
      <NumberField id="check-ping-count" label="Packets" min={1} max={MAX_PING_COUNT} value={model.pingCount} disabled={readOnly} error={e("count")} hint={`1 to ${MAX_PING_COUNT}; up while any reply comes back.`} onChange={(pingCount) => update({ pingCount })} />
      <NumberField id="check-ping-wait" label="Per-ping timeout (s)" min={1} max={MAX_PING_WAIT_SEC} value={model.perPingTimeoutSec} disabled={readOnly} error={e("perPingTimeoutSec")} onChange={(perPingTimeoutSec) => update({ perPingTimeoutSec })} />
    </div>
  );
}

export const pingEditor = defineCheckEditor<"ping", PingModel>({
  kind: "ping",
  label: "Ping",
  types: ["ping"],
  defaults: { host: "", pingCount: "3", perPingTimeoutSec: "2" },
  errorPaths: { host: ["target.host"], pingCount: ["target.count"], perPingTimeoutSec: ["target.perPingTimeoutSec"] },
  fromTarget: (t) => ({ host: str(t.host), pingCount: str(t.count, "3"), perPingTimeoutSec: str(t.perPingTimeoutSec, "2") }),
  toSpec: (m) => ({ type: "ping", target: { host: m.host.trim(), count: num(m.pingCount), perPingTimeoutSec: num(m.perPingTimeoutSec) } }),
  refusal: (m) => hostRefusal(m.host),
  Fields: PingFields,
  example: { host: "192.168.1.1", pingCount: "3", perPingTimeoutSec: "2" },
});
