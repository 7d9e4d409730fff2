// The ingress page's live part: Caddy's state, the plan, every Route's entry and tunnel rule,
// the tunnels and the root certificate.
"use client";

import type { IngressOverview } from "@/lib/ingress/schemas";
import type { TunnelView } from "@/lib/tunnel/schemas";
import { CaddyCard } from "./caddy-card";
import { CaddySetupGuide } from "./caddy-setup-guide";
import { IngressPlanCard } from "./ingress-plan";
import { ProxyEntries } from "./proxy-entries";
import { RootCaCard } from "./root-ca-card";
import { TunnelsPanel } from "./tunnels-panel";
import { useIngressOverview, useTunnelRules } from "./use-ingress";

export function IngressDashboard({ initial, tunnels }: { initial: IngressOverview; tunnels: TunnelView[] }) {
  const overview = useIngressOverview(initial);
  const rules = useTunnelRules();
  const { settings, caddy, entries } = overview.data;
  // A new user: Homeport has never applied anything to Caddy and it does not answer yet.
  const settingUp = caddy.status !== "ok" && !settings.lastAppliedAt && entries.length === 0;
  return (
    <div className="space-y-6">
      {settingUp && <CaddySetupGuide adminUrl={settings.adminUrl} status={caddy.status} />}
      <CaddyCard
        settingUp={settingUp}
        overview={overview.data}
        checking={overview.isFetching}
        onCheck={() => {
          void overview.refetch();
          void rules.refetch();
        }}
      />
      <IngressPlanCard />
      <ProxyEntries entries={overview.data.entries} rules={rules.data?.items ?? (rules.isError ? [] : null)} />
      <TunnelsPanel initial={tunnels} />
      <RootCaCard />
    </div>
  );
}
