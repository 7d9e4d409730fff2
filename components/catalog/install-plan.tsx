// The install plan as a checklist, before anything is written: images missing on the host first,
// then the stack's services, volumes and networks, the route and its DNS/proxy/tunnel parts, the
// checks, and what egress the services get.
"use client";

import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { IconAlert, IconCheck } from "@/components/ui/icons";
import { EXPOSURE_TEXT } from "@/components/routes/route-form";
import { PART_TITLES } from "@/components/routes/route-parts";
import type { RoutePartPlan } from "@/lib/routes/schemas";
import type { InstallPlan } from "./catalog-types";

const PART_LOOK: Record<RoutePartPlan["action"], { tone: BadgeTone; label: string }> = {
  create: { tone: "accent", label: "create" },
  update: { tone: "warning", label: "update" },
  delete: { tone: "danger", label: "delete" },
  unchanged: { tone: "success", label: "in place" },
  apply: { tone: "info", label: "apply" },
  skip: { tone: "neutral", label: "skip" },
  blocked: { tone: "danger", label: "blocked" },
  unknown: { tone: "neutral", label: "unknown" },
};

function Section({ id, title, count, children }: { id: string; title: React.ReactNode; count?: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`plan-${id}`} data-testid={`plan-section-${id}`}>
      <h3 id={`plan-${id}`} className="mb-1.5 text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">
        {title}
        {count !== undefined && <span className="ml-1 tabular-nums">({count})</span>}
      </h3>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">{children}</ul>
    </section>
  );
}

function Item({ ok = true, children, testId }: { ok?: boolean; children: React.ReactNode; testId?: string }) {
  return (
    <li className="flex items-start gap-2 px-3 py-2 text-sm" data-testid={testId}>
      {ok ? <IconCheck className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden="true" /> : <IconAlert className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden="true" />}
      <div className="min-w-0 flex-1 break-words">{children}</div>
    </li>
  );
}

/** One line on the images: how many the host is missing (a pull needs the internet or a mirror). */
export function imagesSummary(images: InstallPlan["images"]): { tone: "success" | "warning" | "info"; text: string } {
  const missing = images.filter((i) => i.present === false).length;
  const unknown = images.filter((i) => i.present === null).length;
  if (missing > 0) return { tone: "warning", text: `${missing} of ${images.length} image${images.length === 1 ? "" : "s"} missing on the host: installing pulls ${missing === 1 ? "it" : "them"}, which needs the internet or a registry mirror.` };
  if (unknown > 0) return { tone: "info", text: "The host's agent is not connected, so Homeport cannot tell which images it already holds." };
  return { tone: "success", text: `${images.length === 1 ? "The image is" : `All ${images.length} images are`} on the host already: the install needs no internet.` };
}

/** `routable`: the app has a web interface a hostname could point at. */
export function InstallPlanView({ plan, hostName, routable = true }: { plan: InstallPlan; hostName: string; routable?: boolean }) {
  const p = plan.stack.plan;
  const img = imagesSummary(plan.images);
  const offline = plan.stack.egress === "offline";
  return (
    <div className="space-y-5" data-testid="install-plan">
      {!p.ok && (
        <Alert tone="error" title="The app's Compose file does not validate with these values">
          <ul className="list-inside list-disc">
            {p.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      {plan.images.length > 0 && (
        <div className="space-y-2">
          <Alert tone={img.tone} title="Images">
            {img.text}
          </Alert>
          <Section id="images" title="Images" count={plan.images.length}>
            {[...plan.images].sort((a, b) => Number(a.present !== false) - Number(b.present !== false)).map((i) => (
              <Item key={i.image} ok={i.present === true} testId="plan-image">
                <span className="font-mono text-xs">{i.image}</span>{" "}
                <Badge tone={i.present === true ? "success" : i.present === false ? "warning" : "neutral"}>{i.present === true ? "on the host" : i.present === false ? "missing: will be pulled" : "unknown"}</Badge>
              </Item>
            ))}
          </Section>
        </div>
      )}
      <Section id="services" title={<>Stack <span className="normal-case">{plan.stack.name}</span> on <span className="normal-case">{hostName}</span></>} count={plan.stack.services.length}>
        {plan.stack.services.map((s) => {
          const step = p.steps.find((x) => x.key === s.key);
          return (
            <Item key={s.key} testId="plan-service">
              <span className="font-medium">{s.key}</span> <span className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{s.image}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {step ? `${step.action === "create" ? "created" : step.action}, rollout level ${step.level + 1}` : "created"} · {s.ports.length ? `ports ${s.ports.join(", ")}` : "no published ports"}
              </span>
            </Item>
          );
        })}
        {p.warnings.map((w, i) => (
          <Item key={`w-${i}`} ok={false}>
            {w.message}
          </Item>
        ))}
      </Section>
      <Section id="route" title="Route">
        {plan.route ? (
          <Item testId="plan-route">
            <span className="font-mono break-all">{plan.route.hostname}</span> → {plan.route.service}:{plan.route.port} <Badge tone="accent">{EXPOSURE_TEXT[plan.route.exposure].label}</Badge>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">Created once the rollout is healthy.</span>
          </Item>
        ) : (
          <Item testId="plan-route">{routable ? "No hostname given: reach the app at its published port." : "This app has no web interface to route."}</Item>
        )}
        {plan.dns.map((d) => (
          <Item key={d.part} ok={d.action !== "blocked"} testId="plan-dns">
            <span className="font-medium">{PART_TITLES[d.part].title}</span> <Badge tone={PART_LOOK[d.action].tone}>{PART_LOOK[d.action].label}</Badge>
            <span className="block font-mono text-xs break-all text-zinc-600 dark:text-zinc-300">{d.summary}</span>
            {d.reason && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{d.reason}</span>}
          </Item>
        ))}
      </Section>
      <Section id="checks" title="Checks" count={plan.checks.length}>
        {plan.checks.length === 0 && plan.skippedChecks.length === 0 && <Item>No checks come with this app.</Item>}
        {plan.checks.map((c) => (
          <Item key={c.name} testId="plan-check">
            <span className="font-medium">{c.name}</span> <Badge>{c.type.toUpperCase()}</Badge> <span className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{c.target}</span>
          </Item>
        ))}
        {plan.skippedChecks.map((c) => (
          <Item key={`skip-${c.name}`} ok={false} testId="plan-check-skipped">
            <span className="font-medium">{c.name}</span> not created: {c.reason}
          </Item>
        ))}
      </Section>
      <Section id="egress" title="Egress and secrets">
        <Item testId="plan-egress">
          {offline
            ? "Offline: every network the services join is internal, so they cannot reach the internet; Homeport proves it after the rollout and on a schedule."
            : "Open: the services can reach the internet."}
          {plan.stack.gpu && <span className="block text-xs text-zinc-500 dark:text-zinc-400">The services get the host's GPUs.</span>}
        </Item>
        {plan.generated.length > 0 && (
          <Item testId="plan-generated">
            Random passwords generated for <span className="font-mono text-xs">{plan.generated.join(", ")}</span>, stored sealed in the stack's .env (admins can read them on the stack page).
          </Item>
        )}
      </Section>
    </div>
  );
}
