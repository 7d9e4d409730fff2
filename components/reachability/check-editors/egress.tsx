// The egress proof's editor: which service must not reach out, and optionally its own addresses and
// names to try (empty: the ones in Settings). Homeport creates one for every offline service; this
// editor is for reading it, or for proving a fence by hand. It runs on the service's host's agent.
"use client";

import { Field, Input, describedBy } from "@/components/ui/field";
import { str } from "./controls";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export type EgressModel = { egressServiceId: string; egressTargets: string; egressNames: string };

const list = (s: string): string[] => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
const joined = (v: unknown): string => (Array.isArray(v) ? v.map((x) => String(x)).join(", ") : "");

function EgressFields({ model, errors, update, readOnly = false }: CheckEditorProps<EgressModel>) {
  const e = (k: string) => errors[`target.${k}`];
  const text = (id: string, key: keyof EgressModel, label: string, path: string, hint: string, placeholder: string) => (
    <Field id={id} label={label} error={e(path)} hint={hint}>
      <Input id={id} autoComplete="off" spellCheck={false} className="font-mono" placeholder={placeholder} value={model[key]} disabled={readOnly} invalid={!!e(path)} aria-describedby={describedBy(id, { hint: true, error: e(path) })} onChange={(ev) => update({ [key]: ev.target.value })} />
    </Field>
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Runs inside the service’s container network on its own host: it passes only when none of the addresses answers and none of the names resolves. Homeport creates this check for every service whose egress is offline.
      </p>
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        {text("check-egress-service", "egressServiceId", "Service ID", "serviceId", "The service whose container is tried.", "clx…")}
        {text("check-egress-targets", "egressTargets", "Addresses", "targets", "ip:port, comma-separated; empty: the ones in Settings.", "1.1.1.1:443")}
        {text("check-egress-names", "egressNames", "Names", "names", "Comma-separated; empty: the ones in Settings.", "example.com")}
      </div>
    </div>
  );
}

export const egressEditor = defineCheckEditor<"egress", EgressModel>({
  kind: "egress",
  label: "Egress proof",
  types: ["egress"],
  defaults: { egressServiceId: "", egressTargets: "", egressNames: "" },
  errorPaths: { egressServiceId: ["target.serviceId"], egressTargets: ["target.targets"], egressNames: ["target.names"] },
  fromTarget: (t) => ({ egressServiceId: str(t.serviceId), egressTargets: joined(t.targets), egressNames: joined(t.names) }),
  toSpec: (m) => ({ type: "egress", target: { serviceId: m.egressServiceId.trim(), targets: list(m.egressTargets), names: list(m.egressNames) } }),
  refusal: () => null,
  Fields: EgressFields,
  example: { egressServiceId: "svc_example", egressTargets: "1.1.1.1:443", egressNames: "example.com" },
});
