// The route wizard: hostname, target and exposure (the route form), then the plan of all four
// parts and the checks, then "Create and apply" — which creates the route and converges it.
"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useApi, errorMessage } from "@/lib/client/api";
import type { RouteApplyResult, RouteCreateInput, RoutePlanView, RouteView } from "@/lib/routes/schemas";
import { RouteForm, type ServiceChoice } from "./route-form";
import { RoutePlanCard } from "./route-parts";

type Step = { kind: "edit" } | { kind: "review"; body: RouteCreateInput; plan: RoutePlanView };

export function RouteWizard({ services }: { services: ServiceChoice[] }) {
  const api = useApi();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: "edit" });
  const [busy, setBusy] = useState<"review" | "create" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // A refusal from the server is shown above the form: bring it into view where the user is.
  const problemRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) problemRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [problem]);

  const review = async (body: RouteCreateInput) => {
    setBusy("review");
    setProblem(null);
    try {
      const plan = await api.post<RoutePlanView>("/api/v1/routes/plan", body);
      setStep({ kind: "review", body, plan });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const createAndApply = async () => {
    if (step.kind !== "review") return;
    setBusy("create");
    setProblem(null);
    let created: RouteView;
    try {
      created = await api.post<RouteView>("/api/v1/routes", step.body);
    } catch (err) {
      setProblem(errorMessage(err));
      setBusy(null);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: ["routes"] });
    try {
      const r = await api.post<RouteApplyResult>(`/api/v1/routes/${created.id}/apply`);
      const failed = r.parts.filter((p) => p.status === "failed").length;
      toast(failed ? `Created ${created.hostname}; ${failed} part${failed > 1 ? "s" : ""} failed and will be retried` : `Created and applied ${created.hostname}`);
    } catch (err) {
      toast(`Created ${created.hostname}, but applying failed: ${errorMessage(err)}`);
    }
    router.push(`/routes/${created.id}`);
  };

  return (
    <div className="space-y-6">
      <ol className="flex gap-2 text-sm" aria-label="Steps">
        <li aria-current={step.kind === "edit" ? "step" : undefined} className={step.kind === "edit" ? "font-semibold text-indigo-700 dark:text-indigo-300" : "text-zinc-500"}>
          1. Route
        </li>
        <li aria-hidden="true" className="text-zinc-400">
          →
        </li>
        <li aria-current={step.kind === "review" ? "step" : undefined} className={step.kind === "review" ? "font-semibold text-indigo-700 dark:text-indigo-300" : "text-zinc-500"}>
          2. Review plan
        </li>
      </ol>
      {problem && (
        <div ref={problemRef}>
          <Alert tone="error" title={step.kind === "review" ? "Could not create the route" : "Could not plan the route"}>
            {problem}
          </Alert>
        </div>
      )}
      {/* Kept mounted while reviewing, so "Back" returns to what was typed. */}
      <div hidden={step.kind !== "edit"}>
        <RouteForm services={services} onReview={review} reviewing={busy === "review"} />
      </div>
      {step.kind === "review" && (
        <>
          <RoutePlanCard plan={step.plan} title="Review plan" />
          <p className="text-sm text-zinc-600 dark:text-zinc-300">
            Creating saves the route; applying converges the four parts in order (LAN DNS, proxy, tunnel, public DNS) and runs its checks. Skipped parts need nothing, or a setting
            named above.
          </p>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => setStep({ kind: "edit" })} disabled={busy === "create"}>
              Back
            </Button>
            <Button onClick={() => void createAndApply()} loading={busy === "create"}>
              Create and apply
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
