// The TCP check's editor: a host and a port that must accept a connection.
"use client";

import { Field, Input, describedBy } from "@/components/ui/field";
import { addressRefusal } from "@/lib/probes/engine/safety";
import { NumberField, num, str } from "./controls";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export type TcpModel = { host: string; port: string };

/** Host and port, shared with the TLS editor (which adds its own fields below them). */
export function HostPortFields({ model, errors, update, readOnly = false, placeholder, children }: CheckEditorProps<TcpModel> & { placeholder: string; children?: React.ReactNode }) {
  const e = (k: string) => errors[`target.${k}`];
  return (
    <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
      <Field id="check-host" label="Host" className="sm:col-span-2" error={e("host")} hint="A host name or IP address.">
        <Input id="check-host" autoComplete="off" spellCheck={false} className="font-mono" placeholder={placeholder} value={model.host} disabled={readOnly} invalid={!!e("host")} aria-describedby={describedBy("check-host", { hint: true, error: e("host") })} onChange={(ev) => update({ host: ev.target.value })} />
      </Field>
      <NumberField id="check-port" label="Port" min={1} max={65535} value={model.port} disabled={readOnly} error={e("port")} onChange={(port) => update({ port })} />
      {children}
    </div>
  );
}

function TcpFields(props: CheckEditorProps<TcpModel>) {
  return <HostPortFields {...props} placeholder="192.168.1.10" />;
}

export const hostRefusal = (host: string): string | null => (host.trim() ? addressRefusal(host.trim()) : null);

export const tcpEditor = defineCheckEditor<"tcp", TcpModel>({
  kind: "tcp",
  label: "TCP",
  types: ["tcp"],
  defaults: { host: "", port: "" },
  errorPaths: { host: ["target.host"], port: ["target.port"] },
  fromTarget: (t) => ({ host: str(t.host), port: str(t.port) }),
  toSpec: (m) => ({ type: "tcp", target: { host: m.host.trim(), port: num(m.port) as number } }),
  refusal: (m) => hostRefusal(m.host),
  Fields: TcpFields,
  example: { host: "192.168.1.10", port: "22" },
});
