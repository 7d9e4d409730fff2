// The catalog page: templates that did not load come first (with why), then a search box,
// category chips and a grid of app cards — icon, name, one line, badges (offline, GPU, your own
// template) and, once installed, links to the stacks made from it.
"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { IconBox } from "@/components/ui/icons";
import { SearchInput } from "@/components/common/search-input";
import { useCan } from "@/components/auth/role-context";
import { AppIcon } from "./app-icon";
import { categoriesOf, categoryLabel, filterApps } from "./catalog-model";
import type { BrokenTemplate, CatalogAppSummary } from "./catalog-types";

const chip = "inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";
const chipOn = "bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500 dark:ring-indigo-500";
const chipOff = "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800";

export function BrokenTemplates({ broken }: { broken: BrokenTemplate[] }) {
  if (broken.length === 0) return null;
  return (
    <Alert tone="error" title={`${broken.length} template${broken.length === 1 ? "" : "s"} could not be loaded`} className="mb-6">
      <p>Fix the folder and reload this page; the other apps are unaffected.</p>
      <ul className="mt-2 space-y-1" aria-label="Templates that did not load">
        {broken.map((b) => (
          <li key={`${b.source}-${b.id}`} data-testid="broken-template" data-id={b.id} className="break-words">
            <span className="font-mono font-medium">{b.id}</span> <span className="text-xs">({b.source === "user" ? "your templates" : "built in"})</span>: {b.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function AppCard({ app, stackIds, canInstall }: { app: CatalogAppSummary; stackIds: Record<string, string>; canInstall: boolean }) {
  const titleId = `app-${app.id}-name`;
  return (
    <li className="relative flex flex-col rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-indigo-500 hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900" data-testid="app-card" data-id={app.id} aria-labelledby={titleId}>
      <div className="flex items-start gap-3">
        <AppIcon app={app} />
        <div className="min-w-0 flex-1">
          <h3 id={titleId} className="truncate text-base font-semibold text-zinc-900 dark:text-zinc-100">
            {/* The whole card is the link (the ::after covers it); the install links below sit above it. */}
            <Link href={`/catalog/${app.id}`} className="after:absolute after:inset-0 after:rounded-xl focus:outline-none">
              {app.name}
            </Link>
          </h3>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{categoryLabel(app.category)}</p>
        </div>
      </div>
      {/* The clamp sits inside the growing box: a clamped paragraph taller than two lines shows the third. */}
      <div className="mt-3 flex-1">
        <p className="line-clamp-2 text-sm text-zinc-600 dark:text-zinc-300" title={app.description}>
          {app.description}
        </p>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-1.5">
        {app.egress === "offline" && <Badge tone="accent">Offline</Badge>}
        {app.gpu === "optional" && <Badge tone="info">GPU optional</Badge>}
        {app.source === "user" && <Badge>Your template</Badge>}
        {app.installed.map((name) => {
          const id = stackIds[name];
          return id ? (
            <Link key={name} href={`/stacks/${id}`} className="relative z-10 rounded-full focus-visible:outline-2 focus-visible:outline-indigo-500" data-testid="installed-badge" aria-label={`Installed as stack ${name}`}>
              <Badge tone="success">Installed: {name}</Badge>
            </Link>
          ) : (
            <Badge key={name} tone="success">Installed: {name}</Badge>
          );
        })}
      </div>
      <p className="sr-only">{canInstall ? "Open to install" : "Open to read the details"}</p>
    </li>
  );
}

export function CatalogGrid({ apps, broken, stackIds }: { apps: CatalogAppSummary[]; broken: BrokenTemplate[]; stackIds: Record<string, string> }) {
  const canInstall = useCan("write");
  const [query, setQuery] = useState("");
  const [category, setCategory] = useState<string | null>(null);
  const categories = useMemo(() => categoriesOf(apps), [apps]);
  const shown = useMemo(() => filterApps(apps, query, category), [apps, query, category]);
  const installed = apps.filter((a) => a.installed.length > 0).length;

  return (
    <div data-testid="catalog">
      <BrokenTemplates broken={broken} />
      {apps.length === 0 ? (
        <Card>
          <EmptyState icon={<IconBox className="size-6" />} title="No templates">
            <p>Homeport ships its templates in catalog/; add your own as folders in data/catalog/ or the folder named by HOMEPORT_CATALOG_DIR.</p>
          </EmptyState>
        </Card>
      ) : (
        <>
          <div className="mb-4 flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <SearchInput value={query} onChange={setQuery} label="Search apps" placeholder="Search apps…" />
              <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite" data-testid="catalog-count">
                {shown.length === apps.length ? `${apps.length} apps` : `${shown.length} of ${apps.length} apps`}
                {installed > 0 && ` · ${installed} installed`}
              </p>
            </div>
            <div role="group" aria-label="Category" className="flex flex-wrap gap-2">
              <button type="button" aria-pressed={category === null} className={cn(chip, category === null ? chipOn : chipOff)} onClick={() => setCategory(null)}>
                All
              </button>
              {categories.map((c) => (
                <button key={c.category} type="button" aria-pressed={category === c.category} className={cn(chip, category === c.category ? chipOn : chipOff)} onClick={() => setCategory(category === c.category ? null : c.category)} data-testid="category-chip">
                  {categoryLabel(c.category)} <span className="text-xs opacity-75">{c.count}</span>
                </button>
              ))}
            </div>
          </div>
          {shown.length === 0 ? (
            <Card>
              <EmptyState title="No app matches">
                <p>Try another word or category.</p>
              </EmptyState>
            </Card>
          ) : (
            <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Apps">
              {shown.map((a) => (
                <AppCard key={a.id} app={a} stackIds={stackIds} canInstall={canInstall} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
