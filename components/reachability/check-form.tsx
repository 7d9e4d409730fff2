// Create or edit a reachability check: name, type and the type's target, timing, vantage points,
// notification channels. Checked in the browser with the API's own zod schemas; server field
// errors (422, e.g. a refused file: or link-local target) appear beside their fields, conflicts
// (409) as a banner. Automatic checks (from routes and services) keep their target, name and
// vantage points in step with their source, so only their timing, channels and switch are editable.
"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import { SegmentedField } from "@/components/ui/segmented";
import { FormFooter, ProblemBanner, useResourceForm } from "@/components/common/resource-form";
import { useApi } from "@/lib/client/api";
import { clearErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";
import { CheckCreateSchema, CheckUpdateSchema, type CheckView } from "@/lib/probes/schemas";
import { CHECK_EDITORS, CHECK_KINDS } from "./check-editors";
import { Check, NumberField } from "./check-editors/controls";
import {
  EXPECTATIONS,
  emptyModel,
  errorPathsOf,
  modelFromCheck,
  payloadFromModel,
  targetRefusal,
  toggleVantage,
  tuningFromModel,
  type CheckKind,
  type CheckModel,
} from "./check-model";

const INVALID_TITLE = "Please fix the highlighted fields";

/** The first error of the tags list or of one of its labels ("tags.2"). */
function tagError(errors: FieldErrors): string | undefined {
  const key = Object.keys(errors).find((k) => k === "tags" || k.startsWith("tags."));
  return key ? errors[key] : undefined;
}

export interface VantageChoice {
  id: string;
  name: string;
  kind: "lan" | "remote";
  enabled?: boolean;
}
export interface ChannelChoice {
  id: string;
  name: string;
  kind: string;
  enabled?: boolean;
}

export { targetRefusal };

/** The explanation shown above the target fields when the browser or the API refused the target. */
export function RefusedTarget({ model, errors }: { model: CheckModel; errors: FieldErrors }) {
  // Shown once the browser or the API has flagged the target, with the specific rule it breaks
  // (the same shared rules the API applies); a typo or a blank field is left to the field error.
  const flagged = Object.keys(errors).some((k) => k === "target" || k.startsWith("target.") || k === "type");
  const refused = targetRefusal(model);
  if (!flagged || !refused || refused === "not a valid URL") return null;
  return (
    <Alert tone="error" title="Homeport will not probe this target">
      {refused}. Only http://, https://, TCP and DNS targets are allowed; file: and other non-network schemes, link-local
      addresses (169.254.0.0/16, fe80::/10) and cloud-metadata addresses (fd00:ec2::254) are always refused. Private LAN
      addresses are fine.
    </Alert>
  );
}

/** The target fields of the chosen type: its editor's (./check-editors), exactly what the engine's schema for that type has. */
export function TargetFields({ model, errors, update, readOnly = false }: { model: CheckModel; errors: FieldErrors; update: (p: Partial<CheckModel>) => void; readOnly?: boolean }) {
  const { Fields } = CHECK_EDITORS[model.kind];
  return <Fields model={model} errors={errors} update={update} readOnly={readOnly} />;
}

/** Every section of the form, given its state: what the stateful CheckForm (and the tests) render. */
export function CheckFields({
  model,
  errors,
  update,
  vantages,
  channels,
  source = "manual",
}: {
  model: CheckModel;
  errors: FieldErrors;
  update: (p: Partial<CheckModel>) => void;
  vantages: VantageChoice[];
  channels: ChannelChoice[];
  source?: CheckView["source"];
}) {
  const auto = source !== "manual";
  const kindOfId = Object.fromEntries(vantages.map((v) => [v.id, v.kind])) as Record<string, "lan" | "remote">;
  const setVantage = (value: string, on: boolean) => update({ vantages: toggleVantage(model.vantages, value, on, kindOfId) });
  const vantageError = errors.vantages ?? Object.entries(errors).find(([k]) => k.startsWith("vantages."))?.[1];
  return (
    <>
      {auto && (
        <Alert tone="info" title={`Automatic check from a ${source}`}>
          Its name, target and vantage points follow the {source} and are re-synced when it changes, so they cannot be edited here. Interval,
          timeout, retries, notification channels and whether it runs are yours to change.
        </Alert>
      )}

      <Card>
        <CardHeader title="What to check" description={auto ? "Managed by the " + source + "." : "The type decides which target fields apply."} />
        <CardBody className="space-y-5">
          <Field id="check-name" label="Name" error={errors.name}>
            <Input id="check-name" autoComplete="off" placeholder="Jellyfin from everywhere" value={model.name} disabled={auto} invalid={!!errors.name} aria-describedby={describedBy("check-name", { error: errors.name })} onChange={(ev) => update({ name: ev.target.value })} />
          </Field>
          {auto ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Type: <span className="font-medium text-zinc-900 dark:text-zinc-100">{CHECK_KINDS.find((k) => k.value === model.kind)?.label}</span>
            </p>
          ) : (
            <SegmentedField<CheckKind> id="check-type" label="Type" name="check-type" value={model.kind} onChange={(kind) => update({ kind, ...CHECK_EDITORS[kind].onSelect?.(model) })} options={CHECK_KINDS} />
          )}
          <RefusedTarget model={model} errors={errors} />
          <TargetFields model={model} errors={errors} update={update} readOnly={auto} />
          {auto ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Expect: <span className="font-medium text-zinc-900 dark:text-zinc-100">{model.expectation === "unreachable" ? "unreachable (exposure check)" : "reachable"}</span>
            </p>
          ) : (
            <SegmentedField<CheckModel["expectation"]>
              id="check-expectation"
              label="Expect"
              name="check-expectation"
              value={model.expectation}
              onChange={(expectation) => update({ expectation })}
              options={EXPECTATIONS}
              hint="Unreachable: the check is up when the target does not answer (a LAN-only service probed from away) and down, as “exposed”, when it does."
            />
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Group and tags" description="Checks are listed under their group; a public status page publishes whole groups." />
        <CardBody className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field id="check-group" label="Group" optional error={errors.groupName} hint="For example “public” or “media”.">
            <Input id="check-group" autoComplete="off" maxLength={64} value={model.groupName} invalid={!!errors.groupName} aria-describedby={describedBy("check-group", { hint: true, error: errors.groupName })} onChange={(ev) => update({ groupName: ev.target.value })} />
          </Field>
          <Field id="check-tags" label="Tags" optional error={tagError(errors)} hint="Comma-separated, up to 12 short labels.">
            <Input id="check-tags" autoComplete="off" placeholder="critical, media" value={model.tags} invalid={!!tagError(errors)} aria-describedby={describedBy("check-tags", { hint: true, error: tagError(errors) })} onChange={(ev) => update({ tags: ev.target.value })} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Timing" description="How often to probe, how long to wait, how many failures to tolerate." />
        <CardBody className="grid grid-cols-1 gap-5 sm:grid-cols-3">
          <NumberField id="check-interval" label="Interval (s)" min={10} max={86400} value={model.intervalSec} error={errors.intervalSec} hint="10 s to 1 day." onChange={(intervalSec) => update({ intervalSec })} />
          <NumberField id="check-timeout" label="Timeout (ms)" min={100} max={60000} value={model.timeoutMs} error={errors.timeoutMs} hint="Up to 60 000 ms." onChange={(timeoutMs) => update({ timeoutMs })} />
          <NumberField id="check-retries" label="Retries" min={0} max={10} value={model.retries} error={errors.retries} hint="Failures before “down”." onChange={(retries) => update({ retries })} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Vantage points" description={auto ? "Follow the " + source + "’s exposure." : "Where the check runs from. None ticked: every vantage point."} />
        <CardBody className="space-y-4">
          <fieldset aria-describedby={vantageError ? "check-vantages-error" : undefined}>
            <legend className="sr-only">Vantage points</legend>
            <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-2">
              <Check id="check-vantage-kind-lan" label="All LAN vantage points" checked={model.vantages.includes("kind:lan")} disabled={auto} onChange={(on) => setVantage("kind:lan", on)} hint="Including ones that join later." />
              <Check id="check-vantage-kind-remote" label="All remote vantage points" checked={model.vantages.includes("kind:remote")} disabled={auto} onChange={(on) => setVantage("kind:remote", on)} hint="Including ones that join later." />
            </div>
            {vantages.length > 0 && (
              <div className="mt-3 grid grid-cols-1 gap-x-6 border-t border-zinc-200 pt-3 sm:grid-cols-2 dark:border-zinc-800">
                {vantages.map((v) => {
                  const coveredByKind = model.vantages.includes(`kind:${v.kind}`);
                  return (
                    <Check
                      key={v.id}
                      id={`check-vantage-${v.id}`}
                      label={
                        <>
                          {v.name} <span className="font-normal text-zinc-500 dark:text-zinc-400">({v.kind === "lan" ? "LAN" : "remote"}{v.enabled === false ? ", disabled" : ""})</span>
                        </>
                      }
                      checked={coveredByKind || model.vantages.includes(v.id)}
                      disabled={auto || coveredByKind}
                      onChange={(on) => setVantage(v.id, on)}
                    />
                  );
                })}
              </div>
            )}
          </fieldset>
          {vantageError && (
            <p id="check-vantages-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
              {vantageError}
            </p>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Notify" description="Channels that hear when this check goes down, degrades or recovers." />
        <CardBody className="space-y-2">
          {channels.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              No notification channels yet. Add one under{" "}
              <a href="/reachability/notifications" className="text-indigo-600 hover:underline dark:text-indigo-400">
                Notifications
              </a>
              .
            </p>
          ) : (
            <fieldset aria-describedby={errors.channels ? "check-channels-error" : undefined}>
              <legend className="sr-only">Notification channels</legend>
              <div className="grid grid-cols-1 gap-x-6 sm:grid-cols-2">
                {channels.map((c) => (
                  <Check
                    key={c.id}
                    id={`check-channel-${c.id}`}
                    label={
                      <>
                        {c.name} <span className="font-normal text-zinc-500 dark:text-zinc-400">({c.kind}{c.enabled === false ? ", off" : ""})</span>
                      </>
                    }
                    checked={model.channels.includes(c.id)}
                    onChange={(on) => update({ channels: on ? [...model.channels, c.id] : model.channels.filter((x) => x !== c.id) })}
                  />
                ))}
              </div>
            </fieldset>
          )}
          {errors.channels && (
            <p id="check-channels-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
              {errors.channels}
            </p>
          )}
          <div className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
            <Check id="check-enabled" label="Enabled" checked={model.enabled} onChange={(enabled) => update({ enabled })} hint="A disabled check keeps its history but is not probed." />
          </div>
        </CardBody>
      </Card>
    </>
  );
}

/** The create form (no `check`) or the edit form of `check`. */
export function CheckForm({
  check,
  vantages: initialVantages,
  channels: initialChannels,
  defaultKind = "http",
}: {
  check?: CheckView;
  vantages: VantageChoice[];
  channels: ChannelChoice[];
  defaultKind?: CheckKind;
}) {
  const editing = check !== undefined;
  const source = check?.source ?? "manual";
  const auto = source !== "manual";
  const api = useApi();
  // Same keys and shapes as the notifications page, so a channel added there shows up here.
  const vantages = useQuery({
    queryKey: ["vantages"],
    queryFn: ({ signal }) => api.get<{ items: VantageChoice[] }>("/api/v1/vantages", signal),
    initialData: { items: initialVantages },
  }).data.items;
  const channels = useQuery({
    queryKey: ["channels"],
    queryFn: ({ signal }) => api.get<{ items: ChannelChoice[] }>("/api/v1/notifications", signal),
    initialData: { items: initialChannels },
  }).data.items;
  const [model, setModel] = useState<CheckModel>(() => (check ? modelFromCheck(check) : emptyModel(defaultKind)));
  const { errors, setErrors, problem, setProblem, pending, save } = useResourceForm<CheckView>({
    collection: "checks",
    basePath: "/reachability/checks",
    noun: "check",
    id: check?.id,
    invalidate: ["reachability-matrix"],
    nameOf: (c) => c.name,
  });
  const formRef = useFocusFirstError(errors);

  const update = (patch: Partial<CheckModel>) => {
    setModel((m) => ({ ...m, ...patch }));
    const keys = (Object.keys(patch) as (keyof CheckModel)[]).flatMap(errorPathsOf);
    setErrors((e) => clearErrors(e, keys));
    setProblem((p) => (p?.title === INVALID_TITLE ? null : p));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = auto ? CheckUpdateSchema.safeParse(tuningFromModel(model)) : CheckCreateSchema.safeParse(payloadFromModel(model));
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error));
      setProblem({ tone: "error", title: INVALID_TITLE, message: targetRefusal(model) ? "The target is refused by Homeport's safety rules." : "Some values are missing or not valid." });
      return;
    }
    setErrors({});
    await save(parsed.data);
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" aria-label={editing ? "Edit check" : "New check"}>
      <ProblemBanner problem={problem} />
      <CheckFields model={model} errors={errors} update={update} vantages={vantages} channels={channels} source={source} />
      <FormFooter cancelHref={editing ? `/reachability/checks/${check.id}` : "/reachability"} pending={pending} submitLabel={editing ? "Save changes" : "Create check"} />
    </form>
  );
}
