// The Advanced section's security part: capabilities to drop (with "drop all"), no new privileges,
// capabilities to add, devices, GPUs, privileged mode, host network and host PID. Each power beyond the default sandbox is marked
// as needing the host's policy, with what the selected host's agent reported about it.
"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Hint, Input, Textarea, describedBy } from "@/components/ui/field";
import { Check, type Errors } from "./runtime-fields";
import { capabilities, errorAt, type RuntimeModel } from "./runtime-model";
import { POWERS, capAddVerdict, devicesVerdict, powerVerdict, type HostChoice, type Verdict } from "./runtime-summary";

const TONE_CLASS: Record<Verdict["tone"], string> = {
  neutral: "text-zinc-500 dark:text-zinc-400",
  success: "text-emerald-700 dark:text-emerald-400",
  warning: "text-amber-700 dark:text-amber-400",
};

const POLICY_BADGE = { tone: "warning", text: "Host policy" } as const;

/** The host-policy line under a power: what the selected host says about it. */
function PolicyHint({ verdict }: { verdict: Verdict }) {
  return <span className={TONE_CLASS[verdict.tone]}>{verdict.text}</span>;
}

export function RuntimePowers({ model, errors, host, onChange }: { model: RuntimeModel; errors: Errors; host?: HostChoice; onChange: (patch: Partial<RuntimeModel>) => void }) {
  const capDropError = errorAt(errors, "runtime.capDrop");
  const capAddError = errorAt(errors, "runtime.capAdd");
  const devicesError = errorAt(errors, "runtime.devices");
  const capAdd = capabilities(model.capAdd);
  const devices = model.devices.split(/[\s,]+/).filter(Boolean);
  const allDropped = capabilities(model.capDrop).includes("ALL");
  const powerCheck = (key: keyof typeof POWERS, label: string, what: string) => (
    <Check
      id={`runtime-${key}`}
      label={label}
      badge={POLICY_BADGE}
      checked={model[key]}
      error={errorAt(errors, `runtime.${key}`)}
      onChange={(v) => onChange({ [key]: v })}
      hint={
        <>
          {what} <PolicyHint verdict={powerVerdict(POWERS[key], host)} />
        </>
      }
    />
  );

  return (
    <div className="space-y-5">
      <Field
        id="runtime-capDrop"
        label="Capabilities to drop"
        optional
        error={capDropError}
        hint={allDropped ? "The container starts with no Linux capabilities; add back only what it needs below." : "Names such as NET_RAW or MKNOD, separated by spaces. ALL drops every one."}
      >
        <div className="flex gap-2">
          <Input
            id="runtime-capDrop"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="NET_RAW MKNOD"
            value={model.capDrop}
            invalid={Boolean(capDropError)}
            aria-describedby={describedBy("runtime-capDrop", { hint: true, error: capDropError })}
            onChange={(e) => onChange({ capDrop: e.target.value })}
          />
          <Button variant="secondary" className="shrink-0" disabled={allDropped} onClick={() => onChange({ capDrop: "ALL" })}>
            Drop all
          </Button>
        </div>
      </Field>

      <Check
        id="runtime-noNewPrivileges"
        label="No new privileges"
        checked={model.noNewPrivileges}
        error={errorAt(errors, "runtime.noNewPrivileges")}
        onChange={(noNewPrivileges) => onChange({ noNewPrivileges })}
        hint="Processes cannot gain privileges through setuid binaries or file capabilities. Safe for most apps."
      />

      <Field
        id="runtime-capAdd"
        label={
          <>
            Capabilities to add <Badge tone={POLICY_BADGE.tone}>{POLICY_BADGE.text}</Badge>
          </>
        }
        optional
        error={capAddError}
        hint={
          <>
            Names such as NET_ADMIN, separated by spaces. <PolicyHint verdict={capAddVerdict(capAdd, host)} />
          </>
        }
      >
        <Input
          id="runtime-capAdd"
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          placeholder="NET_ADMIN"
          value={model.capAdd}
          invalid={Boolean(capAddError)}
          aria-describedby={describedBy("runtime-capAdd", { hint: true, error: capAddError })}
          onChange={(e) => onChange({ capAdd: e.target.value })}
        />
      </Field>

      <Field
        id="runtime-devices"
        label={
          <>
            Devices <Badge tone={POLICY_BADGE.tone}>{POLICY_BADGE.text}</Badge>
          </>
        }
        optional
        error={devicesError}
        hint={
          <>
            One device under /dev per line, e.g. /dev/dri for video transcoding. <PolicyHint verdict={devicesVerdict(devices, host)} />
          </>
        }
      >
        <Textarea
          id="runtime-devices"
          rows={2}
          spellCheck={false}
          placeholder="/dev/dri"
          value={model.devices}
          invalid={Boolean(devicesError)}
          aria-describedby={describedBy("runtime-devices", { hint: true, error: devicesError })}
          onChange={(e) => onChange({ devices: e.target.value })}
        />
      </Field>

      <div className="space-y-4">
        {powerCheck("gpus", "GPU access", "Hands the host's GPUs to the container (local AI, transcoding).")}
        {powerCheck("privileged", "Privileged", "Every capability and every device: the container can take over the host.")}
        {powerCheck("hostNetwork", "Host network", "Shares the host's network stack; published ports and extra hosts do not apply.")}
        {powerCheck("hostPid", "Host PID namespace", "The container sees (and can signal) every process on the host.")}
      </div>
      <Hint>The agent on the host refuses any of these its owner has not allowed, whatever Homeport asks.</Hint>
    </div>
  );
}
