import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getPageSession, requirePageSession } from "@/lib/auth/page-session";
import { loadOrNotFound } from "@/lib/pages/detail-page";
import { getCatalogApp, TemplateIdSchema } from "@/lib/catalog";
import { listHostStatuses } from "@/lib/agents";
import { listStacks } from "@/lib/stacks";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { AppIcon } from "@/components/catalog/app-icon";
import { AppPage } from "@/components/catalog/app-page";

export const dynamic = "force-dynamic";

const loadApp = cache(async (id: string) => {
  if (!TemplateIdSchema.safeParse(id).success) notFound();
  return loadOrNotFound(() => getCatalogApp(getDb(), id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if (!(await getPageSession())) return { title: "Install an app" };
  const { id } = await params;
  return { title: `Install ${(await loadApp(id)).name}` };
}

export default async function CatalogAppPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  const db = getDb();
  const [app, hosts, stacks] = await Promise.all([loadApp(id), listHostStatuses(db), listStacks(db)]);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        back={<BackLink href="/catalog">Catalog</BackLink>}
        title={
          <span className="flex min-w-0 items-center gap-3">
            <AppIcon app={app} />
            <span className="truncate">{app.name}</span>
          </span>
        }
        description={app.description}
      />
      <AppPage app={app} hosts={hosts.filter((h) => !h.revoked).map((h) => ({ id: h.hostId, name: h.name, online: h.online }))} stackIds={Object.fromEntries(stacks.map((s) => [s.name, s.id]))} />
    </div>
  );
}
