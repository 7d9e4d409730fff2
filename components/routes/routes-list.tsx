// The routes table: search by hostname, "Load more", and an empty state. Cards on phones.
"use client";

import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { IconGlobe } from "@/components/ui/icons";
import { SearchablePagedList } from "@/components/common/paged-list";
import { ROUTES_PAGE_SIZE } from "@/components/common/page-sizes";
import type { Page } from "@/components/common/use-paged-list";
import type { Exposure, RouteView } from "@/lib/routes/schemas";

const EXPOSURE_BADGE: Record<Exposure, { tone: BadgeTone; label: string }> = {
  lan: { tone: "neutral", label: "LAN" },
  remote: { tone: "accent", label: "Remote" },
  both: { tone: "success", label: "LAN + remote" },
};

export function ExposureBadge({ exposure }: { exposure: Exposure }) {
  const b = EXPOSURE_BADGE[exposure];
  return <Badge tone={b.tone}>{b.label}</Badge>;
}

function Target({ r }: { r: RouteView }) {
  if (r.serviceId) {
    return (
      <span>
        <Link href={`/services/${r.serviceId}`} className="font-medium hover:underline">
          {r.serviceName}
        </Link>
        <span className="text-zinc-500 dark:text-zinc-400">:{r.servicePort}</span>
      </span>
    );
  }
  return <span className="font-mono text-xs break-all">{r.upstreamUrl}</span>;
}

/** What a first route needs (the empty page's guidance): a DNS provider and a reachable Caddy. */
export interface RouteSetup {
  dnsProviders: number;
  caddyStatus: string;
}

function Prerequisite({ done, href, title, text }: { done: boolean; href: string; title: string; text: string }) {
  return (
    <li className="flex items-start gap-2">
      <span className={done ? "text-emerald-600 dark:text-emerald-400" : "text-zinc-400"} aria-hidden="true">
        {done ? "✓" : "○"}
      </span>
      <span>
        <Link href={href} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          {title}
        </Link>{" "}
        <span className="sr-only">{done ? "(done)" : "(not done yet)"}</span>— {text}
      </span>
    </li>
  );
}

function FirstRouteText({ setup }: { setup?: RouteSetup }) {
  return (
    <>
      <p>A route gives a service one hostname that works at home and away: Homeport sets up the LAN DNS record, the reverse proxy and the tunnel together.</p>
      {setup && (
        <>
          <p className="mt-3 font-medium text-zinc-700 dark:text-zinc-200">Two things come first:</p>
          <ol className="mt-2 space-y-2 text-left" aria-label="Before your first route">
            <Prerequisite done={setup.dnsProviders > 0} href="/dns" title="A DNS provider" text="so the hostname points at your proxy (Pi-hole, AdGuard, Cloudflare…)." />
            <Prerequisite done={setup.caddyStatus === "ok"} href="/ingress" title="Caddy, reachable" text="the reverse proxy that answers for the hostname." />
          </ol>
        </>
      )}
    </>
  );
}

export function RoutesList({ initial, setup }: { initial: Page<RouteView>; setup?: RouteSetup }) {
  return (
    <SearchablePagedList<RouteView>
      resource="routes"
      nouns={["route", "routes"]}
      pageSize={ROUTES_PAGE_SIZE}
      initial={initial}
      searchPlaceholder="Search by hostname"
      skeletonRows={2}
      firstRun={{
        icon: <IconGlobe className="size-6" />,
        text: <FirstRouteText setup={setup} />,
      }}
      columns={["Hostname", "Target", "Exposure"]}
      cardClassName="px-5 py-4"
      card={(r) => (
        <>
          <div className="flex items-center justify-between gap-2">
            <Link href={`/routes/${r.id}`} className="truncate font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {r.hostname}
            </Link>
            <ExposureBadge exposure={r.exposure} />
          </div>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            → <Target r={r} />
          </p>
        </>
      )}
      cells={(r) => (
        <>
          <td className="px-5 py-3">
            <Link href={`/routes/${r.id}`} className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {r.hostname}
            </Link>
          </td>
          <td className="px-5 py-3">
            <Target r={r} />
          </td>
          <td className="px-5 py-3">
            <ExposureBadge exposure={r.exposure} />
          </td>
        </>
      )}
    />
  );
}
