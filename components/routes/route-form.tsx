// Create or edit a route: a hostname sent either to a service's port or to an upstream URL,
// exposed on the LAN, remotely through the tunnel, or both.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { SegmentedField } from "@/components/ui/segmented";
import { FormFooter, ProblemBanner, useResourceForm } from "@/components/common/resource-form";
import { RouteCreateSchema, type Exposure, type RouteCreateInput, type RouteView } from "@/lib/routes/schemas";
import { clearErrors, zodErrors } from "@/lib/client/form-errors";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";

export interface ServiceChoice {
  id: string;
  name: string;
  ports: number[];
}

type TargetKind = "service" | "url";

export const EXPOSURE_TEXT: Record<Exposure, { label: string; text: string }> = {
  lan: { label: "LAN only", text: "Reachable on your home network only: a LAN DNS record and a reverse-proxy entry. Nothing is published on the internet." },
  remote: { label: "Remote only", text: "Reachable from anywhere through the tunnel, with a public DNS record. No LAN DNS record is created." },
  both: { label: "LAN and remote", text: "The same URL everywhere: at home the LAN DNS answers with the local proxy (works with the internet down); away, the tunnel carries it." },
};

/**
 * `onReview` turns the form into the wizard's first step: submitting validates and hands the
 * body over (the wizard shows the plan) instead of saving.
 */
export function RouteForm({ route, services, onReview, reviewing = false }: { route?: RouteView; services: ServiceChoice[]; onReview?: (body: RouteCreateInput) => void | Promise<void>; reviewing?: boolean }) {
  const editing = route !== undefined;
  const [hostname, setHostname] = useState(route?.hostname ?? "");
  const [kind, setKind] = useState<TargetKind>(route?.upstreamUrl || (!route && services.length === 0) ? "url" : "service");
  const [serviceId, setServiceId] = useState(route?.serviceId ?? "");
  const [servicePort, setServicePort] = useState(route?.servicePort ? String(route.servicePort) : "");
  const [upstreamUrl, setUpstreamUrl] = useState(route?.upstreamUrl ?? "");
  const [exposure, setExposure] = useState<Exposure>(route?.exposure ?? "lan");
  const { errors, setErrors, problem, setProblem, pending, save } = useResourceForm<RouteView>({
    collection: "routes",
    noun: "route",
    id: route?.id,
    invalidate: ["routes", "services"],
    nameOf: (r) => r.hostname,
  });
  const formRef = useFocusFirstError(errors);

  const service = services.find((s) => s.id === serviceId);
  const edited = (...fields: string[]) => setErrors((e) => clearErrors(e, fields));

  const chooseService = (id: string) => {
    setServiceId(id);
    edited("serviceId", "servicePort");
    const s = services.find((x) => x.id === id);
    setServicePort(s?.ports[0] !== undefined ? String(s.ports[0]) : "");
  };

  /** Submits: reviews the plan (wizard) or saves; `saveOnly` saves without applying (inventory only). */
  const submit = async (e: React.FormEvent, saveOnly = false) => {
    e.preventDefault();
    setProblem(null);
    const body = {
      hostname,
      exposure,
      ...(kind === "service"
        ? { serviceId: serviceId || null, servicePort: servicePort.trim() === "" ? null : Number(servicePort), upstreamUrl: null }
        : { serviceId: null, servicePort: null, upstreamUrl }),
    };
    const parsed = RouteCreateSchema.safeParse(body);
    if (!parsed.success) {
      const errs = zodErrors(parsed.error);
      if (kind === "service" && errs.serviceId && serviceId) {
        errs.servicePort = "choose a port";
        delete errs.serviceId;
      }
      setErrors(errs);
      return;
    }
    setErrors({});
    if (onReview && !saveOnly) await onReview(parsed.data);
    else await save(parsed.data);
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" aria-label={editing ? "Edit route" : "New route"}>
      <ProblemBanner problem={problem} />
      <Card>
        <CardHeader title="Hostname" description="One name that works at home and away." />
        <CardBody>
          <Field id="hostname" label="Hostname" error={errors.hostname} hint="A fully qualified name such as jellyfin.home.example. International names are converted to punycode.">
            <Input id="hostname" autoComplete="off" autoCapitalize="none" spellCheck={false} className="font-mono" placeholder="app.home.example" value={hostname} invalid={!!errors.hostname} aria-describedby={describedBy("hostname", { hint: true, error: errors.hostname })} onChange={(e) => {
              setHostname(e.target.value);
              edited("hostname");
            }} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Target" description="Where requests for this hostname go." />
        <CardBody className="space-y-5">
          <SegmentedField
            id="target-kind"
            label="Send traffic to"
            name="targetKind"
            value={kind}
            onChange={(k) => {
              setKind(k);
              setErrors({});
            }}
            options={[
              { value: "service", label: "A service" },
              { value: "url", label: "An upstream URL" },
            ]}
          />
          {kind === "service" ? (
            services.length === 0 ? (
              <Alert tone="info" title="No services yet">
                Create a service first, or send this hostname to an upstream URL instead.
              </Alert>
            ) : (
              <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
                <Field id="serviceId" label="Service" error={errors.serviceId}>
                  <Select id="serviceId" value={serviceId} invalid={!!errors.serviceId} aria-describedby={describedBy("serviceId", { error: errors.serviceId })} onChange={(e) => chooseService(e.target.value)}>
                    <option value="">Choose a service…</option>
                    {services.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                {service && service.ports.length > 0 ? (
                  <Field id="servicePort" label="Port" error={errors.servicePort} hint="One of the service's container ports.">
                    <Select id="servicePort" value={servicePort} invalid={!!errors.servicePort} aria-describedby={describedBy("servicePort", { hint: true, error: errors.servicePort })} onChange={(e) => {
                        setServicePort(e.target.value);
                        edited("servicePort");
                      }}>
                      {service.ports.map((p) => (
                        <option key={p} value={String(p)}>
                          {p}
                        </option>
                      ))}
                    </Select>
                  </Field>
                ) : (
                  <Field id="servicePort" label="Port" error={errors.servicePort} hint={service ? "This service declares no ports: enter the port it listens on." : "Choose a service first."}>
                    <Input id="servicePort" type="number" inputMode="numeric" min={1} max={65535} disabled={!service} value={servicePort} invalid={!!errors.servicePort} aria-describedby={describedBy("servicePort", { hint: true, error: errors.servicePort })} onChange={(e) => {
                        setServicePort(e.target.value);
                        edited("servicePort");
                      }} />
                  </Field>
                )}
              </div>
            )
          ) : (
            <Field id="upstreamUrl" label="Upstream URL" error={errors.upstreamUrl} hint="Something Homeport does not run itself, e.g. your router's admin page or a NAS.">
              <Input id="upstreamUrl" type="url" autoComplete="off" spellCheck={false} className="font-mono" placeholder="http://192.168.1.20:8080" value={upstreamUrl} invalid={!!errors.upstreamUrl} aria-describedby={describedBy("upstreamUrl", { hint: true, error: errors.upstreamUrl })} onChange={(e) => {
                setUpstreamUrl(e.target.value);
                edited("upstreamUrl");
              }} />
            </Field>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Exposure" description="Who can reach this hostname." />
        <CardBody>
          <SegmentedField
            id="exposure"
            label="Exposure"
            hideLabel
            className="space-y-2"
            hint={EXPOSURE_TEXT[exposure].text}
            hintClassName="pt-1 text-sm"
            name="exposure"
            value={exposure}
            onChange={setExposure}
            options={(Object.keys(EXPOSURE_TEXT) as Exposure[]).map((v) => ({ value: v, label: EXPOSURE_TEXT[v].label }))}
          />
        </CardBody>
      </Card>

      {onReview ? (
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <ButtonLink href="/routes" variant="secondary">
            Cancel
          </ButtonLink>
          <Button variant="secondary" loading={pending} disabled={reviewing} onClick={(e) => void submit(e, true)}>
            Create route only
          </Button>
          <Button type="submit" loading={reviewing} disabled={pending}>
            Review plan
          </Button>
        </div>
      ) : (
        <FormFooter cancelHref="/routes" pending={pending} submitLabel={editing ? "Save changes" : "Create route"} />
      )}
    </form>
  );
}
