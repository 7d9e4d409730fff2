import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listCatalog } from "@/lib/catalog";
import { listStacks } from "@/lib/stacks";
import { PageHeader } from "@/components/ui/page-header";
import { CatalogGrid } from "@/components/catalog/catalog-grid";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage() {
  await requirePageSession();
  const db = getDb();
  const [catalog, stacks] = await Promise.all([listCatalog(db), listStacks(db)]);
  return (
    <>
      <PageHeader title="Catalog" description="One-click apps: answer a few questions, review the plan (stack, route, DNS, checks) and install. Local AI runs fenced off the internet." />
      <CatalogGrid apps={catalog.apps} broken={catalog.broken} stackIds={Object.fromEntries(stacks.map((s) => [s.name, s.id]))} />
    </>
  );
}
