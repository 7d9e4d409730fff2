// Egress proof (admins): the addresses an offline service must not reach and the names it must not
// resolve. Every offline service's proof tries them from inside its container; agents get the new
// lists with their next schedule (within a minute). Validated with the API's schema.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Textarea, describedBy } from "@/components/ui/field";
import { type Settings } from "@/lib/settings/schemas";
import { type FieldErrors } from "@/lib/client/form-errors";
import { useSettingsSave } from "./use-settings-save";

type Keys = "egressProofTargets" | "egressProofNames";
const FIELDS: { key: Keys; label: string; hint: string; placeholder: string }[] = [
  { key: "egressProofTargets", label: "Addresses it must not reach", hint: "One ip:port (or name:port) per line, such as 1.1.1.1:443. Each is tried as a TCP connection.", placeholder: "1.1.1.1:443" },
  { key: "egressProofNames", label: "Names it must not resolve", hint: "One public domain name per line, looked up through the container's own resolver.", placeholder: "example.com" },
];

const lines = (s: string): string[] => s.split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);

/** The first error of a list field or any of its items ("egressProofTargets.1"). */
function fieldError(errors: FieldErrors, key: Keys): string | undefined {
  const hit = Object.entries(errors).find(([k]) => k === key || k.startsWith(`${key}.`));
  if (!hit) return undefined;
  const item = /\.(\d+)$/.exec(hit[0]);
  return item ? `Line ${Number(item[1]) + 1}: ${hit[1]}` : hit[1];
}

export function EgressProofSection({ initial }: { initial: Pick<Settings, Keys> }) {
  const [values, setValues] = useState({ egressProofTargets: initial.egressProofTargets.join("\n"), egressProofNames: initial.egressProofNames.join("\n") });
  const [saved, setSaved] = useState(values);
  const { errors, problem, pending, clearErrors, save: store } = useSettingsSave();
  const dirty = values.egressProofTargets !== saved.egressProofTargets || values.egressProofNames !== saved.egressProofNames;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void store({ egressProofTargets: lines(values.egressProofTargets), egressProofNames: lines(values.egressProofNames) }, (res) => {
      const next = { egressProofTargets: res.egressProofTargets.join("\n"), egressProofNames: res.egressProofNames.join("\n") };
      setSaved(next);
      setValues(next);
      return "Egress proof targets saved; agents use them from their next schedule";
    });
  };

  return (
    <Card aria-labelledby="egress-proof-title" data-testid="egress-proof-section">
      <CardHeader
        id="egress-proof-title"
        title="Egress proof"
        description="Every service whose egress is offline is proven to have no way out: from inside its container, on its own host, Homeport tries to connect to these addresses and to resolve these names, after every deploy and every hour. Anything that answers is an incident."
      />
      <CardBody>
        <form onSubmit={(e) => void save(e)} noValidate className="grid max-w-2xl grid-cols-1 gap-4 sm:grid-cols-2">
          {problem && <div className="sm:col-span-2"><Alert tone="error">{problem}</Alert></div>}
          {FIELDS.map((f) => {
            const error = fieldError(errors, f.key);
            return (
              <Field key={f.key} id={f.key} label={f.label} hint={f.hint} error={error}>
                <Textarea
                  id={f.key}
                  rows={4}
                  spellCheck={false}
                  autoComplete="off"
                  className="font-mono"
                  placeholder={f.placeholder}
                  value={values[f.key]}
                  invalid={!!error}
                  aria-describedby={describedBy(f.key, { hint: true, error })}
                  onChange={(e) => {
                    setValues((v) => ({ ...v, [f.key]: e.target.value }));
                    clearErrors();
                  }}
                />
              </Field>
            );
          })}
          <div className="sm:col-span-2">
            <Button type="submit" loading={pending} disabled={!dirty}>
              Save
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
