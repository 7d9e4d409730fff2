// The "LAN networks" setting, edited where it matters: what an internet-down game day keeps
// reachable (each LAN host's /24 and Homeport's own addresses are added when it runs). Admins only.
"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Textarea, describedBy } from "@/components/ui/field";
import { useSettingsSave } from "@/components/settings/use-settings-save";

const ID = "gameday-lan-nets";
const lines = (s: string): string[] => s.split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);

export function LanNetsEditor({ initial }: { initial: string[] }) {
  const qc = useQueryClient();
  const [value, setValue] = useState(initial.join("\n"));
  const { errors, problem, pending, clearErrors, save } = useSettingsSave();
  const hit = Object.entries(errors).find(([k]) => k.startsWith("gamedayLocalNets"));
  const item = hit ? /\.(\d+)$/.exec(hit[0]) : null;
  const error = hit ? (item ? `Line ${Number(item[1]) + 1}: ${hit[1]}` : hit[1]) : undefined;
  return (
    <details className="rounded-lg border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">LAN networks</summary>
      <form
        className="mt-3 space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save({ gamedayLocalNets: lines(value) }, (next) => {
            setValue(next.gamedayLocalNets.join("\n"));
            void qc.invalidateQueries({ queryKey: ["gamedays", "options"] });
            return "LAN networks saved";
          });
        }}
      >
        {problem && <Alert tone="error">{problem}</Alert>}
        <Field id={ID} label="Networks kept reachable" hint="One network per line, such as 192.168.1.0/24 or fd00::/8. Everything else counts as the internet." error={error}>
          <Textarea
            id={ID}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
            value={value}
            invalid={!!error}
            aria-describedby={describedBy(ID, { hint: true, error })}
            onChange={(e) => {
              setValue(e.target.value);
              clearErrors();
            }}
          />
        </Field>
        <Button type="submit" size="sm" variant="secondary" loading={pending} disabled={value === initial.join("\n")}>
          Save networks
        </Button>
      </form>
    </details>
  );
}
