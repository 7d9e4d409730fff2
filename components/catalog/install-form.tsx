// The install page's form: stack name and host, the template's variables as typed fields, an
// optional hostname with its exposure, the egress choice; "Review plan" asks the server what
// would be created (nothing is written), "Install" creates and rolls out the stack and opens its page.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { SegmentedField } from "@/components/ui/segmented";
import { useToast } from "@/components/ui/toast";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import { EXPOSURE_TEXT } from "@/components/routes/route-form";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { formProblem } from "@/lib/client/form-errors";
import { StackNameSchema } from "@/lib/stacks/schemas";
import { OFFLINE_TEXT, OPEN_TEXT } from "./app-about";
import { conflictField, errorsByField, initialValues, missingValues, sortHosts, suggestStackName, toRequestValues, type FormValues } from "./catalog-model";
import type { CatalogAppDetail, Egress, Exposure, HostOption, InstallPlan, InstallRequest, InstallResult } from "./catalog-types";
import { InstallPlanView } from "./install-plan";
import { VariableField } from "./variable-field";

type Problem = ReturnType<typeof formProblem>;

export function InstallForm({ app, hosts, takenNames }: { app: CatalogAppDetail; hosts: HostOption[]; takenNames: string[] }) {
  const api = useApi();
  const router = useRouter();
  const qc = useQueryClient();
  const toast = useToast();
  const ordered = useMemo(() => sortHosts(hosts), [hosts]);
  const [stackName, setStackName] = useState(() => suggestStackName(app.id, takenNames));
  const [hostId, setHostId] = useState(() => (ordered.filter((h) => h.online).length === 1 || ordered.length === 1 ? ordered[0]!.id : ""));
  const [values, setValues] = useState<FormValues>(() => initialValues(app.variables));
  const [hostname, setHostname] = useState("");
  const [exposure, setExposure] = useState<Exposure>("lan");
  const [egress, setEgress] = useState<Egress>(app.egress);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [plan, setPlan] = useState<InstallPlan | null>(null);
  const [busy, setBusy] = useState<"plan" | "install" | null>(null);
  const formRef = useFocusFirstError(errors);
  const planRef = useRef<HTMLDivElement>(null);
  // A fresh plan takes the focus (and the view), so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (!plan || !planRef.current) return;
    planRef.current.focus({ preventScroll: true });
    planRef.current.scrollIntoView?.({ block: "start", behavior: window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }, [plan]);

  /** Any edit makes the reviewed plan stale: it goes, and the field's error and the banner with it. */
  const edited = (field: string) => {
    setPlan(null);
    setProblem(null);
    setErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
  };

  const body = (): InstallRequest => ({
    stackName: stackName.trim(),
    hostId,
    values: toRequestValues(app.variables, values),
    ...(app.route && hostname.trim() ? { hostname: hostname.trim().toLowerCase(), exposure } : {}),
    egress,
  });

  const localErrors = (): Record<string, string> => {
    const out: Record<string, string> = { ...missingValues(app.variables, values) };
    const n = StackNameSchema.safeParse(stackName);
    if (!n.success) out.stackName = n.error.issues[0]?.message ?? "not a valid name";
    else if (takenNames.includes(n.data)) out.stackName = `a stack named "${n.data}" exists already`;
    if (!hostId) out.hostId = "choose the host it runs on";
    return out;
  };

  const fail = (err: unknown) => {
    if (err instanceof ApiRequestError && err.issues.length) setErrors(errorsByField(err.issues));
    else if (err instanceof ApiRequestError && err.status === 409) {
      const field = conflictField(err.message);
      if (field) setErrors({ [field]: err.message });
    }
    setProblem(formProblem(err));
  };

  const review = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const local = localErrors();
    setErrors(local);
    if (Object.keys(local).length) {
      setProblem({ tone: "error", title: "Please fix the highlighted fields", message: "Some values are missing or not valid." });
      return;
    }
    setBusy("plan");
    try {
      const p = await api.post<InstallPlan>(`/api/v1/catalog/${app.id}/plan`, body());
      setPlan(p);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const install = async () => {
    setProblem(null);
    setBusy("install");
    try {
      const r = await api.post<InstallResult>(`/api/v1/catalog/${app.id}/install`, body());
      await qc.invalidateQueries({ queryKey: ["stacks"] });
      toast(`Installing ${app.name} as stack ${stackName.trim()}`);
      router.push(`/stacks/${r.stackId}`);
    } catch (err) {
      setBusy(null);
      fail(err);
    }
  };

  const host = ordered.find((h) => h.id === hostId);
  return (
    <form ref={formRef} onSubmit={(e) => void review(e)} noValidate className="space-y-6" aria-label={`Install ${app.name}`}>
      {problem && (
        <Alert tone={problem.tone} title={problem.title}>
          {problem.message}
        </Alert>
      )}
      <Card>
        <CardHeader title="Where it runs" />
        <CardBody className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field id="stackName" label="Stack name" error={errors.stackName} hint="Lower-case letters, digits and hyphens; its services are named <stack>-<service>.">
            <Input id="stackName" autoComplete="off" spellCheck={false} value={stackName} invalid={!!errors.stackName} aria-describedby={describedBy("stackName", { hint: true, error: errors.stackName })} onChange={(e) => { setStackName(e.target.value); edited("stackName"); }} />
          </Field>
          <Field id="hostId" label="Host" error={errors.hostId} hint={host && !host.online ? "This host's agent is not connected now; installing needs it online." : "The agent on this host runs every service of the app."}>
            <Select id="hostId" value={hostId} invalid={!!errors.hostId} aria-describedby={describedBy("hostId", { hint: true, error: errors.hostId })} onChange={(e) => { setHostId(e.target.value); edited("hostId"); }}>
              <option value="">Choose a host…</option>
              {ordered.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                  {h.online ? "" : " (not connected)"}
                </option>
              ))}
            </Select>
          </Field>
          {hosts.length === 0 && (
            <Alert tone="info" className="sm:col-span-2">
              No host has enrolled yet. <Link href="/hosts" className="font-medium underline">Add a host</Link> first: its agent runs the app.
            </Alert>
          )}
        </CardBody>
      </Card>

      {app.variables.length > 0 && (
        <Card>
          <CardHeader title="Settings" description="Written to the stack's .env (sealed at rest); you can change them later on the stack page." />
          <CardBody className="grid grid-cols-1 gap-5 sm:grid-cols-2">
            {app.variables.map((v) => (
              <VariableField key={v.name} variable={v} value={values[v.name] ?? ""} error={errors[v.name]} onChange={(x) => { setValues((all) => ({ ...all, [v.name]: x })); edited(v.name); }} />
            ))}
          </CardBody>
        </Card>
      )}

      <Card>
        <CardHeader title="Network" />
        <CardBody className="space-y-5">
          {app.route && (
            <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
              <Field id="hostname" label="Hostname" optional error={errors.hostname} hint={`A name for the web interface (${app.route.service}, port ${app.route.port}), e.g. ${app.id}.home.example. Leave empty to use the published port.`}>
                <Input id="hostname" autoComplete="off" spellCheck={false} className="font-mono" placeholder={`${app.id}.home.example`} value={hostname} invalid={!!errors.hostname} aria-describedby={describedBy("hostname", { hint: true, error: errors.hostname })} onChange={(e) => { setHostname(e.target.value); edited("hostname"); }} />
              </Field>
              {hostname.trim() !== "" && (
                <SegmentedField id="exposure" label="Exposure" hint={EXPOSURE_TEXT[exposure].text} name="exposure" value={exposure} onChange={(v) => { setExposure(v); edited("exposure"); }} options={(Object.keys(EXPOSURE_TEXT) as Exposure[]).map((v) => ({ value: v, label: EXPOSURE_TEXT[v].label }))} />
              )}
            </div>
          )}
          <SegmentedField
            id="egress"
            label="Internet access"
            hint={egress === "offline" ? OFFLINE_TEXT : OPEN_TEXT}
            name="egress"
            value={egress}
            onChange={(v) => { setEgress(v); edited("egress"); }}
            options={[{ value: "offline", label: app.egress === "offline" ? "Offline (recommended)" : "Offline" }, { value: "open", label: "Open" }]}
          />
          {app.egress === "offline" && egress === "open" && (
            <Alert tone="warning">This app is fenced off the internet by default: opened, it can call out, and nothing proves otherwise.</Alert>
          )}
        </CardBody>
      </Card>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ButtonLink href="/catalog" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" variant={plan ? "secondary" : "primary"} loading={busy === "plan"} disabled={busy !== null || hosts.length === 0}>
          {plan ? "Review again" : "Review plan"}
        </Button>
      </div>

      {plan && (
        <div ref={planRef} tabIndex={-1} className="scroll-mt-4 outline-none" aria-labelledby="install-plan-title">
          <Card data-testid="install-plan-card">
            <CardHeader id="install-plan-title" title="Plan" description="What installing creates, in this order. Nothing has been written yet." />
            <CardBody>
              <InstallPlanView plan={plan} hostName={host?.name ?? "the host"} routable={app.route !== null} />
            </CardBody>
          </Card>
          <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button onClick={() => void install()} loading={busy === "install"} disabled={busy !== null || !plan.stack.plan.ok}>
              Install
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}
