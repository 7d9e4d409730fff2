// What Homeport sets up for a route, derived from its exposure: the records and rules that make
// one hostname work at home and away (see DESIGN.md, "Routes: the same URL at home and away").
import { Card, CardHeader } from "@/components/ui/card";
import { IconCheck, IconX } from "@/components/ui/icons";
import type { RouteView } from "@/lib/inventory/schemas";

interface Step {
  title: string;
  detail: string;
  when: RouteView["exposure"][];
}

const STEPS: Step[] = [
  { title: "LAN DNS record", detail: "points the name at the reverse proxy on your LAN", when: ["lan", "both"] },
  { title: "Reverse-proxy entry", detail: "sends requests for the name to the target, with TLS that works offline", when: ["lan", "remote", "both"] },
  { title: "Tunnel ingress rule", detail: "carries requests from the internet to the reverse proxy", when: ["remote", "both"] },
  { title: "Public DNS record", detail: "points the name at the tunnel for everyone away from home", when: ["remote", "both"] },
];

export function RoutePlan({ route }: { route: RouteView }) {
  return (
    <Card className="mb-6" aria-labelledby="plan-title">
      <CardHeader id="plan-title" title="How this hostname is served" description="Homeport derives these from the route and keeps them in step." />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {STEPS.map((s) => {
          const on = s.when.includes(route.exposure);
          return (
            <li key={s.title} className="flex items-start gap-3 px-5 py-3 text-sm">
              <span
                className={
                  on
                    ? "mt-0.5 rounded-full bg-emerald-50 p-1 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300"
                    : "mt-0.5 rounded-full bg-zinc-100 p-1 text-zinc-400 dark:bg-zinc-800 dark:text-zinc-500"
                }
              >
                {on ? <IconCheck className="size-3.5" /> : <IconX className="size-3.5" />}
              </span>
              <span className={on ? "" : "text-zinc-400 dark:text-zinc-500"}>
                <span className="font-medium">{s.title}</span> — {s.detail}
                {!on && <span className="sr-only"> (not used for this exposure)</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
