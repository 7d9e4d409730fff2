// React Query hooks for the ingress page: the overview (stored or live), plans and applies.
"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import type { IngressApplyResult, IngressOverview, IngressPlanView } from "@/lib/ingress/schemas";
import type { TunnelRuleStatus, TunnelView } from "@/lib/tunnel/schemas";

export const INGRESS_KEY = ["ingress"] as const;
/** How often the page re-checks Caddy and the entries while open. */
export const LIVE_REFRESH_MS = 60_000;

export function useIngressOverview(initial: IngressOverview) {
  const api = useApi();
  return useQuery({
    queryKey: [...INGRESS_KEY, "overview"],
    queryFn: ({ signal }) => api.get<IngressOverview>("/api/v1/ingress/status", signal),
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useTunnelRules() {
  const api = useApi();
  return useQuery({
    queryKey: [...INGRESS_KEY, "tunnel-rules"],
    queryFn: ({ signal }) => api.get<{ items: TunnelRuleStatus[] }>("/api/v1/tunnel/status", signal),
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function useTunnels(initial: TunnelView[]) {
  const api = useApi();
  return useQuery({
    queryKey: [...INGRESS_KEY, "tunnels"],
    queryFn: ({ signal }) => api.get<{ items: TunnelView[] }>("/api/v1/tunnel", signal),
    initialData: { items: initial },
  });
}

export function useIngressPlan(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...INGRESS_KEY, "plan"],
    queryFn: ({ signal }) => api.get<IngressPlanView>("/api/v1/ingress/plan", signal),
    enabled,
    staleTime: 0,
  });
}

export function useApplyIngress() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<IngressApplyResult>("/api/v1/ingress/apply"),
    onSettled: () => qc.invalidateQueries({ queryKey: INGRESS_KEY }),
  });
}
