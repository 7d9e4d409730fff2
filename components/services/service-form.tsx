// Create or edit a service: general settings, ports, environment, volumes, command, an
// optional healthcheck and the Advanced Docker options (runtime-section.tsx). Checked in the browser with the server's own zod schema; server field
// errors (422) appear beside their fields and conflicts (409) as a banner.
"use client";

import { useCan } from "@/components/auth/role-context";
import { useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select, Textarea, describedBy } from "@/components/ui/field";
import { SegmentedField } from "@/components/ui/segmented";
import { FormFooter, ProblemBanner, useResourceForm } from "@/components/common/resource-form";
import { ServiceCreateSchema, type ServiceView } from "@/lib/inventory/schemas";
import { clearErrors, zodErrors } from "@/lib/client/form-errors";
import { PortRows, EnvRows, VolumeRows } from "./service-rows";
import { emptyModel, modelFromService, payloadFromModel, rowProblems, type ServiceModel } from "./service-model";
import { RUNTIME_ERROR_PATHS, type RuntimeModel } from "./runtime-model";
import { RuntimeSection } from "./runtime-section";
import type { HostChoice } from "./runtime-summary";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";

const INVALID_TITLE = "Please fix the highlighted fields";

/** Model keys whose edits clear which error paths. */
const ERROR_PATHS: Partial<Record<keyof ServiceModel, string[]>> = {
  env: ["env", "envrow"],
  health: ["healthcheck"],
  healthTest: ["healthcheck"],
  healthInterval: ["healthcheck"],
  healthTimeout: ["healthcheck"],
  healthRetries: ["healthcheck"],
};

const RESTART_POLICIES: { value: ServiceModel["restartPolicy"]; label: string }[] = [
  { value: "unless-stopped", label: "Unless stopped (recommended)" },
  { value: "always", label: "Always" },
  { value: "on-failure", label: "On failure" },
  { value: "no", label: "Never" },
];

export function ServiceForm({ service, hosts }: { service?: ServiceView; hosts: HostChoice[] }) {
  const editing = service !== undefined;
  // A stack's service is edited through its Compose file; a viewer cannot change anything.
  const canWrite = useCan("write");
  const managedBy = Boolean(service?.stackId) || !canWrite;
  const [model, setModel] = useState<ServiceModel>(() =>
    // With exactly one host there is nothing to choose: a new service goes there unless changed.
    service ? modelFromService(service) : { ...emptyModel(), hostId: hosts.length === 1 ? hosts[0]!.id : "" },
  );
  const { errors, setErrors, problem, setProblem, pending, save } = useResourceForm<ServiceView>({
    collection: "services",
    noun: "service",
    id: service?.id,
    invalidate: ["services"],
    nameOf: (s) => s.name,
  });
  const formRef = useFocusFirstError(errors);

  const update = (patch: Partial<ServiceModel>) => {
    setModel((m) => ({ ...m, ...patch }));
    const keys = (Object.keys(patch) as (keyof ServiceModel)[]).flatMap((k) => ERROR_PATHS[k] ?? [k]);
    setErrors((e) => clearErrors(e, keys));
    setProblem((p) => (p?.title === INVALID_TITLE ? null : p));
  };

  const updateRuntime = (patch: Partial<RuntimeModel>) => {
    setModel((m) => ({ ...m, runtime: { ...m.runtime, ...patch } }));
    const keys = (Object.keys(patch) as (keyof RuntimeModel)[]).flatMap((k) => (k === "kept" ? [] : RUNTIME_ERROR_PATHS[k]));
    setErrors((e) => {
      const next = clearErrors(e, keys);
      if (!("runtime" in next)) return next;
      const { runtime: _wholeSection, ...rest } = next; // an error about the whole section is stale after any edit in it
      return rest;
    });
    setProblem((p) => (p?.title === INVALID_TITLE ? null : p));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = ServiceCreateSchema.safeParse(payloadFromModel(model));
    const errs = { ...(parsed.success ? {} : zodErrors(parsed.error)), ...rowProblems(model) };
    setErrors(errs);
    if (!parsed.success || Object.keys(errs).length > 0) {
      setProblem({ tone: "error", title: INVALID_TITLE, message: "Some values are missing or not valid." });
      return;
    }
    await save(parsed.data);
  };

  const noHosts = hosts.length === 0;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" aria-label={editing ? "Edit service" : "New service"}>
      <ProblemBanner problem={problem} />
      {/* A stack's service is read-only here: its settings come from the stack's Compose file. */}
      <fieldset disabled={managedBy} className="min-w-0 space-y-6">

      <Card>
        <CardHeader title="General" description="What runs, and where." />
        <CardBody className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field id="name" label="Name" error={errors.name} hint="Lower-case letters, digits and hyphens. Also the container name.">
            <Input id="name" autoComplete="off" spellCheck={false} placeholder="jellyfin" value={model.name} invalid={!!errors.name} aria-describedby={describedBy("name", { hint: true, error: errors.name })} onChange={(e) => update({ name: e.target.value })} />
          </Field>
          <Field id="image" label="Image" error={errors.image} hint="An image already on the host works offline.">
            <Input id="image" autoComplete="off" spellCheck={false} className="font-mono" placeholder="nginx:1.27" value={model.image} invalid={!!errors.image} aria-describedby={describedBy("image", { hint: true, error: errors.image })} onChange={(e) => update({ image: e.target.value })} />
          </Field>
          <Field id="hostId" label="Target host" error={errors.hostId} hint={noHosts ? "No host has enrolled yet. Save now and place the service later." : hosts.find((h) => h.id === model.hostId)?.swarmManager ? "This host is a Swarm manager: once saved, the service page's Swarm panel can run it as a Swarm service (replicas, placement, rolling updates)." : "The agent on this host deploys the service."}>
            <Select id="hostId" value={model.hostId} invalid={!!errors.hostId} aria-describedby={describedBy("hostId", { hint: true, error: errors.hostId })} onChange={(e) => update({ hostId: e.target.value })}>
              <option value="">No host (not deployed)</option>
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="restartPolicy" label="Restart policy" error={errors.restartPolicy}>
            <Select id="restartPolicy" value={model.restartPolicy} onChange={(e) => update({ restartPolicy: e.target.value as ServiceModel["restartPolicy"] })}>
              {RESTART_POLICIES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </Select>
          </Field>
          <SegmentedField
            id="egress"
            label="Internet access"
            className="space-y-1.5 sm:col-span-2"
            hint={
              model.egress === "open"
                ? "The container can reach the internet and your LAN."
                : "The container joins an internal network with no route out: nothing it runs can call home."
            }
            name="egress"
            value={model.egress}
            onChange={(egress) => update({ egress })}
            options={[
              { value: "open", label: "Open" },
              { value: "offline", label: "Offline" },
            ]}
          />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Ports" description="Container ports, and where they are published on the host." />
        <CardBody>
          <PortRows rows={model.ports} errors={errors} onChange={(ports) => update({ ports })} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Environment" description="Variables passed to the container." />
        <CardBody>
          <EnvRows rows={model.env} errors={errors} onChange={(env) => update({ env })} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Volumes" description="Host paths or named volumes mounted into the container." />
        <CardBody>
          <VolumeRows rows={model.volumes} errors={errors} onChange={(volumes) => update({ volumes })} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Command and healthcheck" description="Both optional." />
        <CardBody className="space-y-5">
          <Field id="command" label="Command" optional error={errors.command} hint="Overrides the image's command. Space-separated (quotes group words), or one argument per line.">
            <Textarea id="command" rows={2} spellCheck={false} placeholder="httpd -f -p 8080" value={model.command} aria-describedby={describedBy("command", { hint: true, error: errors.command })} onChange={(e) => update({ command: e.target.value })} />
          </Field>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" className="size-4 rounded border-zinc-300 accent-indigo-600" checked={model.health} onChange={(e) => update({ health: e.target.checked })} />
            Run a healthcheck
          </label>
          {model.health && (
            <div className="grid grid-cols-1 gap-4 rounded-lg bg-zinc-50 p-4 sm:grid-cols-3 dark:bg-zinc-950/50">
              <Field id="healthTest" label="Check command" className="sm:col-span-3" error={errors["healthcheck.test"] ?? errors.healthcheck} hint="Runs inside the container; exit code 0 means healthy.">
                <Textarea id="healthTest" rows={2} spellCheck={false} placeholder="wget -q -O- http://127.0.0.1:8080/" value={model.healthTest} onChange={(e) => update({ healthTest: e.target.value })} />
              </Field>
              <Field id="healthInterval" label="Interval (s)" error={errors["healthcheck.intervalSeconds"]}>
                <Input id="healthInterval" type="number" min={1} max={3600} value={model.healthInterval} onChange={(e) => update({ healthInterval: e.target.value })} />
              </Field>
              <Field id="healthTimeout" label="Timeout (s)" error={errors["healthcheck.timeoutSeconds"]}>
                <Input id="healthTimeout" type="number" min={1} max={600} value={model.healthTimeout} onChange={(e) => update({ healthTimeout: e.target.value })} />
              </Field>
              <Field id="healthRetries" label="Retries" error={errors["healthcheck.retries"]}>
                <Input id="healthRetries" type="number" min={1} max={20} value={model.healthRetries} onChange={(e) => update({ healthRetries: e.target.value })} />
              </Field>
            </div>
          )}
        </CardBody>
      </Card>

      <RuntimeSection model={model.runtime} errors={errors} host={hosts.find((h) => h.id === model.hostId)} onChange={updateRuntime} />

      </fieldset>
      {!managedBy && <FormFooter cancelHref="/services" pending={pending} submitLabel={editing ? "Save changes" : "Create service"} />}
    </form>
  );
}
