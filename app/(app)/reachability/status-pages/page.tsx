import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listStatusPages } from "@/lib/status-pages";
import { PageHeader } from "@/components/ui/page-header";
import { StatusPageList } from "@/components/reachability/status-page-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status pages" };

export default async function StatusPagesPage() {
  await requirePageSession();
  const db = getDb();
  const [pages, grouped] = await Promise.all([
    listStatusPages(db),
    db.check.findMany({ where: { groupName: { not: null } }, distinct: ["groupName"], select: { groupName: true } }),
  ]);
  const groups = grouped.map((g) => g.groupName).filter((g): g is string => g !== null);
  return (
    <>
      <PageHeader
        back={<Link href="/reachability" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">← Reachability</Link>}
        title="Status pages"
        description="Publish check groups at /status/<address>: names, states, uptime and history only."
      />
      <StatusPageList pages={pages} groups={groups} />
    </>
  );
}
