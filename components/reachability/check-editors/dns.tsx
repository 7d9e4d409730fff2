// The DNS check's editor: a resolver, a name, a record type and optionally a value the answers
// must contain.
"use client";

import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { addressRefusal } from "@/lib/probes/engine/safety";
import { DNS_RECORD_TYPES, resolverAddress } from "@/lib/probes/engine/schemas";
import { opt, str } from "./controls";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];
export { DNS_RECORD_TYPES };
const isRecordType = (v: unknown): v is DnsRecordType => DNS_RECORD_TYPES.some((t) => t === v);

export type DnsModel = { resolver: string; dnsName: string; recordType: DnsRecordType; expect: string };

function DnsFields({ model, errors, update, readOnly = false }: CheckEditorProps<DnsModel>) {
  const e = (k: string) => errors[`target.${k}`];
  return (
    <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
      <Field id="check-resolver" label="Resolver" error={e("resolver")} hint="An IP address, optionally with :port ([v6]:port).">
        <Input id="check-resolver" autoComplete="off" spellCheck={false} className="font-mono" placeholder="192.168.1.1" value={model.resolver} disabled={readOnly} invalid={!!e("resolver")} aria-describedby={describedBy("check-resolver", { hint: true, error: e("resolver") })} onChange={(ev) => update({ resolver: ev.target.value })} />
      </Field>
      <Field id="check-dns-name" label="Name" error={e("name")}>
        <Input id="check-dns-name" autoComplete="off" spellCheck={false} className="font-mono" placeholder="nas.home.example" value={model.dnsName} disabled={readOnly} invalid={!!e("name")} aria-describedby={describedBy("check-dns-name", { error: e("name") })} onChange={(ev) => update({ dnsName: ev.target.value })} />
      </Field>
      <Field id="check-record-type" label="Record type" error={e("recordType")}>
        <Select id="check-record-type" value={model.recordType} disabled={readOnly} onChange={(ev) => update({ recordType: isRecordType(ev.target.value) ? ev.target.value : "A" })}>
          {DNS_RECORD_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="check-expect" label="Expected answer" optional error={e("expect")} hint="A value that must be among the answers.">
        <Input id="check-expect" autoComplete="off" spellCheck={false} className="font-mono" placeholder="192.168.1.10" value={model.expect} disabled={readOnly} invalid={!!e("expect")} aria-describedby={describedBy("check-expect", { hint: true, error: e("expect") })} onChange={(ev) => update({ expect: ev.target.value })} />
      </Field>
    </div>
  );
}

export const dnsEditor = defineCheckEditor<"dns", DnsModel>({
  kind: "dns",
  label: "DNS",
  types: ["dns"],
  defaults: { resolver: "", dnsName: "", recordType: "A", expect: "" },
  errorPaths: { resolver: ["target.resolver"], dnsName: ["target.name"], recordType: ["target.recordType"], expect: ["target.expect"] },
  fromTarget: (t) => ({ resolver: str(t.resolver), dnsName: str(t.name), recordType: isRecordType(t.recordType) ? t.recordType : "A", expect: str(t.expect) }),
  toSpec: (m) => ({ type: "dns", target: { resolver: m.resolver.trim(), name: m.dnsName.trim(), recordType: m.recordType, expect: opt(m.expect) } }),
  refusal(m) {
    const a = resolverAddress(m.resolver.trim());
    return (a && addressRefusal(a.host)) ?? (m.dnsName.trim() ? addressRefusal(m.dnsName.trim()) : null);
  },
  Fields: DnsFields,
  example: { resolver: "192.168.1.1", dnsName: "nas.home.example", expect: "192.168.1.10" },
});
