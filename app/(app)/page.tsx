import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { getOverview } from "@/lib/inventory/overview";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { IconActivity, IconAlert, IconBox, IconCheck, IconGlobe, IconServer, IconShield } from "@/components/ui/icons";
import { NewLink } from "@/components/common/new-link";
import { actionLabel, targetHref } from "@/lib/client/format";
import { PhoneRedirect } from "@/components/checkin/phone-redirect";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const STATS = [
  { key: "services", label: "Services", href: "/services", icon: IconBox },
  { key: "routes", label: "Routes", href: "/routes", icon: IconGlobe },
  { key: "hosts", label: "Hosts", href: "/hosts", icon: IconServer },
] as const;

const ATTENTION_ICON = { "no-hosts": IconServer, "unplaced-service": IconBox, "totp-off": IconShield } as const;

const FIRST_STEPS = [
  { title: "Describe a service", text: "The image, ports, variables and volumes of a container you run.", href: "/services/new", cta: "New service" },
  { title: "Give it a hostname", text: "One route, the same URL at home and away.", href: "/routes/new", cta: "New route" },
  { title: "Secure your account", text: "Turn on two-factor sign-in and create API tokens for scripts.", href: "/settings", cta: "Settings" },
];

function GetStarted() {
  return (
    <Card className="mt-6" aria-labelledby="start-title">
      <CardHeader id="start-title" title="Get started" description="Three steps to your first hostname." />
      <ol className="grid grid-cols-1 divide-y divide-zinc-200 sm:grid-cols-3 sm:divide-x sm:divide-y-0 dark:divide-zinc-800">
        {FIRST_STEPS.map((s, i) => (
          <li key={s.href} className="flex flex-col gap-2 p-5">
            <span className="flex size-7 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white">{i + 1}</span>
            <p className="font-medium">{s.title}</p>
            <p className="flex-1 text-sm text-zinc-500 dark:text-zinc-400">{s.text}</p>
            <Link href={s.href} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {s.cta} →
            </Link>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export default async function OverviewPage() {
  const session = await requirePageSession();
  const overview = await getOverview(getDb(), session.userId);
  return (
    <>
      <PhoneRedirect />
      <PageHeader
        title="Overview"
        description={`Welcome back, ${session.username}. Here is how your homelab looks right now.`}
        actions={
          <>
            <NewLink href="/routes/new" variant="secondary">
              New route
            </NewLink>
            <NewLink href="/services/new">New service</NewLink>
          </>
        }
      />
      <div className="grid grid-cols-3 gap-3 sm:gap-4">
        {STATS.map(({ key, label, href, icon: Icon }) => (
          <Link
            key={key}
            href={href}
            className="group rounded-xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-5 transition-colors hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700"
          >
            <div className="flex items-center justify-between">
              <span className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</span>
              <span className="hidden rounded-lg bg-indigo-50 p-2 text-indigo-600 sm:block dark:bg-indigo-500/15 dark:text-indigo-300">
                <Icon className="size-5" />
              </span>
            </div>
            <p className="mt-1 text-2xl font-semibold tabular-nums sm:mt-2 sm:text-3xl" data-testid={`count-${key}`}>
              {overview.counts[key]}
            </p>
            {key === "services" && overview.counts.unplacedServices > 0 && (
              <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">{overview.counts.unplacedServices} not placed</p>
            )}
          </Link>
        ))}
      </div>

      {overview.counts.services === 0 && <GetStarted />}

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-2" aria-labelledby="attention-title">
          <CardHeader id="attention-title" title="Needs attention" />
          {overview.attention.length === 0 ? (
            <EmptyState icon={<IconCheck className="size-6" />} title="All clear">
              Nothing needs your attention.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {overview.attention.map((a, i) => {
                const Icon = ATTENTION_ICON[a.kind] ?? IconAlert;
                return (
                  <li key={i}>
                    <Link href={a.href} className="flex items-start gap-3 px-5 py-3.5 text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/50">
                      <span className="mt-0.5 rounded-md bg-amber-50 p-1.5 text-amber-700 dark:bg-amber-500/15 dark:text-amber-400">
                        <Icon className="size-4" />
                      </span>
                      <span className="text-zinc-700 dark:text-zinc-300">{a.message}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>

        <Card className="lg:col-span-3" aria-labelledby="recent-title">
          <CardHeader
            id="recent-title"
            title="Recent activity"
            actions={
              <Link href="/audit" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                View all
              </Link>
            }
          />
          {overview.recent.length === 0 ? (
            <EmptyState icon={<IconActivity className="size-6" />} title="No activity yet" />
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {overview.recent.map((r) => {
                const href = targetHref(r.targetType, r.targetId, r.action);
                return (
                  <li key={r.id} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
                    <div className="min-w-0">
                      <p className="truncate font-medium text-zinc-800 dark:text-zinc-200">
                        {href ? (
                          <Link href={href} className="hover:underline">
                            {actionLabel(r.action)}
                          </Link>
                        ) : (
                          actionLabel(r.action)
                        )}
                      </p>
                      <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                        {r.actorName ?? "anonymous"} · <span className="font-mono">{r.action}</span>
                      </p>
                    </div>
                    <Time iso={r.at} className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400" />
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
