// The TLS check's editor: host and port (443 by default), the name to send (SNI), and the
// certificate checks.
"use client";

import { Field, Input, describedBy } from "@/components/ui/field";
import { Check, NumberField, num, opt, str } from "./controls";
import { HostPortFields, hostRefusal } from "./tcp";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export type TlsModel = { host: string; port: string; servername: string; verifyTls: boolean; tlsMinDaysValid: string };

function TlsFields(props: CheckEditorProps<TlsModel>) {
  const { model, errors, update, readOnly = false } = props;
  const e = (k: string) => errors[`target.${k}`];
  return (
    <HostPortFields {...props} placeholder="nas.home.example">
      <Field id="check-servername" label="Server name (SNI)" optional className="sm:col-span-3" error={e("servername")} hint="Defaults to the host when it is a name.">
        <Input id="check-servername" autoComplete="off" spellCheck={false} className="font-mono" value={model.servername} disabled={readOnly} invalid={!!e("servername")} aria-describedby={describedBy("check-servername", { hint: true, error: e("servername") })} onChange={(ev) => update({ servername: ev.target.value })} />
      </Field>
      <Check id="check-verify" label="Verify the TLS certificate" error={e("verifyTls")} checked={model.verifyTls} disabled={readOnly} onChange={(verifyTls) => update({ verifyTls })} />
      <NumberField id="check-tls-days" label="Warn days before expiry" className="sm:col-span-2" min={0} max={365} value={model.tlsMinDaysValid} disabled={readOnly} error={e("tlsMinDaysValid")} hint="Fail when the certificate expires in fewer days." onChange={(tlsMinDaysValid) => update({ tlsMinDaysValid })} />
    </HostPortFields>
  );
}

export const tlsEditor = defineCheckEditor<"tls", TlsModel>({
  kind: "tls",
  label: "TLS",
  types: ["tls"],
  defaults: { host: "", port: "443", servername: "", verifyTls: true, tlsMinDaysValid: "0" },
  onSelect: (m) => (m.port === "" ? { port: "443" } : {}),
  errorPaths: { host: ["target.host"], port: ["target.port"], servername: ["target.servername"], verifyTls: ["target.verifyTls"], tlsMinDaysValid: ["target.tlsMinDaysValid"] },
  fromTarget: (t) => ({ host: str(t.host), port: str(t.port, "443"), servername: str(t.servername), verifyTls: t.verifyTls !== false, tlsMinDaysValid: str(t.tlsMinDaysValid, "0") }),
  toSpec: (m) => ({ type: "tls", target: { host: m.host.trim(), port: num(m.port), servername: opt(m.servername.trim()), verifyTls: m.verifyTls, tlsMinDaysValid: num(m.tlsMinDaysValid) } }),
  refusal: (m) => hostRefusal(m.host),
  Fields: TlsFields,
  example: { host: "nas.home.example", port: "443" },
});
