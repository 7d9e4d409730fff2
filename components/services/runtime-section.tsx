// The service form's "Advanced" card: Docker options beyond the basics (limits, user, read-only root,
// tmpfs, capabilities, devices and GPUs, labels, extra hosts, logging). Collapsed by default with a
// one-line summary of what is set; it opens by itself when one of its fields has an error.
"use client";

import { useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FieldError, Select, Textarea, describedBy } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { AmountField, Check, TextField, type Errors } from "./runtime-fields";
import { ExtraHostRows, LabelRows, TmpfsRows } from "./runtime-rows";
import { RuntimePowers } from "./runtime-powers";
import { KEPT_PROCESS_KEYS, ROTATING_DRIVERS, errorAt, runtimeFromModel, type LogDriver, type RuntimeModel } from "./runtime-model";
import { runtimeSummary, type HostChoice } from "./runtime-summary";

const LOG_DRIVERS: { value: LogDriver | ""; label: string }[] = [
  { value: "", label: "Docker's default" },
  { value: "json-file", label: "json-file" },
  { value: "local", label: "local (compact, rotated)" },
  { value: "journald", label: "journald" },
  { value: "none", label: "none (no logs)" },
];

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</legend>
      {children}
    </fieldset>
  );
}

export function RuntimeSection({ model, errors, host, onChange }: { model: RuntimeModel; errors: Errors; host?: HostChoice; onChange: (patch: Partial<RuntimeModel>) => void }) {
  const errorKeys = Object.keys(errors).filter((k) => k === "runtime" || k.startsWith("runtime.")).join(" ");
  const [open, setOpen] = useState(errorKeys !== "");
  const [seenErrors, setSeenErrors] = useState(errorKeys);
  if (errorKeys !== seenErrors) {
    // New errors inside the section: show them (state adjusted while rendering, as React recommends).
    setSeenErrors(errorKeys);
    if (errorKeys !== "") setOpen(true);
  }
  const e = (path: string) => errorAt(errors, path);
  const summary = runtimeSummary(runtimeFromModel(model));
  const rotating = model.logDriver !== "" && ROTATING_DRIVERS.includes(model.logDriver);
  const entrypointError = e("runtime.entrypoint");

  return (
    <Card aria-labelledby="runtime-title">
      <CardHeader
        id="runtime-title"
        title="Advanced"
        description={<span id="runtime-summary">{summary}</span>}
        actions={
          <Button variant="secondary" size="sm" aria-expanded={open} aria-controls="runtime-options" aria-describedby="runtime-summary" onClick={() => setOpen(!open)}>
            {open ? "Hide options" : "Show options"}
          </Button>
        }
      />
      <div id="runtime-options" hidden={!open}>
        <CardBody>
          <div className="space-y-8">
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Everything here is optional: an empty field keeps Docker&apos;s default.</p>
            {/* The section-wide error, or one about an option kept from a Compose file that has no field here. */}
            <FieldError id="runtime-error" message={errors.runtime ?? e("runtime.hostname") ?? e("runtime.shmSizeBytes") ?? KEPT_PROCESS_KEYS.map((k) => e(`runtime.${k}`)).find(Boolean)} />

            <Group title="Resources">
              <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
                <AmountField id="runtime-memory" label="Memory limit" hint="The container is stopped by the kernel if it uses more. At least 6 MiB." error={e("runtime.memoryBytes")} value={model.memory} unit={model.memoryUnit} onChange={(p) => onChange({ ...(p.value !== undefined && { memory: p.value }), ...(p.unit && { memoryUnit: p.unit }) })} />
                <AmountField id="runtime-memoryReservation" label="Memory reservation" hint="A soft floor Docker tries to keep free for it; no more than the limit." error={e("runtime.memoryReservationBytes")} value={model.memoryReservation} unit={model.memoryReservationUnit} onChange={(p) => onChange({ ...(p.value !== undefined && { memoryReservation: p.value }), ...(p.unit && { memoryReservationUnit: p.unit }) })} />
                <TextField id="runtime-cpus" label="CPU limit (cores)" type="number" inputMode="decimal" step="0.01" min={0} placeholder="no limit" hint="Decimals allowed: 1.5 is one and a half cores." error={e("runtime.cpus")} value={model.cpus} onChange={(cpus) => onChange({ cpus })} />
                <TextField id="runtime-pidsLimit" label="Process limit" type="number" inputMode="numeric" step="1" min={1} placeholder="no limit" hint="Most processes and threads at once; stops fork bombs." error={e("runtime.pidsLimit")} value={model.pidsLimit} onChange={(pidsLimit) => onChange({ pidsLimit })} />
              </div>
            </Group>

            <Group title="Process">
              <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
                <TextField id="runtime-user" label="User" mono placeholder="1000:1000" hint="uid[:gid] or a name the image knows. Empty: the image's user." error={e("runtime.user")} value={model.user} onChange={(user) => onChange({ user })} />
                <TextField id="runtime-workingDir" label="Working directory" mono placeholder="/app" hint="An absolute path inside the container." error={e("runtime.workingDir")} value={model.workingDir} onChange={(workingDir) => onChange({ workingDir })} />
                <Field id="runtime-entrypoint" label="Entrypoint" optional className="sm:col-span-2" error={entrypointError} hint="Replaces the image's entrypoint. Space-separated (quotes group words), or one argument per line.">
                  <Textarea id="runtime-entrypoint" rows={2} spellCheck={false} placeholder="/docker-entrypoint.sh" value={model.entrypoint} invalid={Boolean(entrypointError)} aria-describedby={describedBy("runtime-entrypoint", { hint: true, error: entrypointError })} onChange={(ev) => onChange({ entrypoint: ev.target.value })} />
                </Field>
                <TextField id="runtime-stopGrace" label="Stop grace period (s)" type="number" inputMode="numeric" step="1" min={0} placeholder="10" hint="How long Docker waits after SIGTERM before it kills the process." error={e("runtime.stopGraceSeconds")} value={model.stopGrace} onChange={(stopGrace) => onChange({ stopGrace })} />
              </div>
              <Check id="runtime-readOnly" label="Read-only root filesystem" hint="The app can write only to volumes and tmpfs mounts." error={e("runtime.readOnly")} checked={model.readOnly} onChange={(readOnly) => onChange({ readOnly })} />
              <Check id="runtime-init" label="Run an init process" hint="A tiny PID 1 that forwards signals and reaps zombie processes." error={e("runtime.init")} checked={model.init} onChange={(init) => onChange({ init })} />
            </Group>

            <Group title="tmpfs mounts">
              <TmpfsRows rows={model.tmpfs} errors={errors} onChange={(tmpfs) => onChange({ tmpfs })} />
            </Group>

            <Group title="Security">
              <RuntimePowers model={model} errors={errors} host={host} onChange={onChange} />
            </Group>

            <Group title="Labels">
              <LabelRows rows={model.labels} errors={errors} onChange={(labels) => onChange({ labels })} />
            </Group>

            <Group title="Extra hosts">
              <ExtraHostRows rows={model.extraHosts} errors={errors} onChange={(extraHosts) => onChange({ extraHosts })} />
            </Group>

            <Group title="Logging">
              <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
                <Field id="runtime-logDriver" label="Log driver" error={e("runtime.logging.driver") ?? errors["runtime.logging"]} hint="Logs stay on the host.">
                  <Select id="runtime-logDriver" value={model.logDriver} aria-describedby={describedBy("runtime-logDriver", { hint: true, error: e("runtime.logging.driver") ?? errors["runtime.logging"] })} onChange={(ev) => onChange({ logDriver: ev.target.value as LogDriver | "" })}>
                    {LOG_DRIVERS.map((d) => (
                      <option key={d.value} value={d.value}>
                        {d.label}
                      </option>
                    ))}
                  </Select>
                </Field>
                {rotating && (
                  <>
                    <TextField id="runtime-logMaxSize" label="Max size per file" mono placeholder="10m" hint="k, m or g, e.g. 10m." error={e("runtime.logging.options.max-size")} value={model.logMaxSize} onChange={(logMaxSize) => onChange({ logMaxSize })} />
                    <TextField id="runtime-logMaxFile" label="Files kept" type="number" inputMode="numeric" step="1" min={1} placeholder="5" hint="Older files are deleted." error={e("runtime.logging.options.max-file")} value={model.logMaxFile} onChange={(logMaxFile) => onChange({ logMaxFile })} />
                  </>
                )}
              </div>
              {!rotating && errorAt(errors, "runtime.logging.options") && <FieldError id="runtime-logOptions-error" message={errorAt(errors, "runtime.logging.options")} />}
            </Group>
          </div>
        </CardBody>
      </div>
    </Card>
  );
}
