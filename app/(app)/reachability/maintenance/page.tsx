import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listMaintenance } from "@/lib/probes/maintenance";
import { PageHeader } from "@/components/ui/page-header";
import { MaintenanceList } from "@/components/reachability/maintenance-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Maintenance" };

const CHECKS_OFFERED = 500;

export default async function MaintenancePage() {
  await requirePageSession();
  const db = getDb();
  const [windows, checks] = await Promise.all([
    listMaintenance(db),
    db.check.findMany({ select: { id: true, name: true, groupName: true }, orderBy: { name: "asc" }, take: CHECKS_OFFERED }),
  ]);
  const groups = [...new Set(checks.map((c) => c.groupName).filter((g): g is string => g !== null))].sort((a, b) => a.localeCompare(b));
  return (
    <>
      <PageHeader
        back={<Link href="/reachability" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">← Reachability</Link>}
        title="Maintenance"
        description="Planned work: checks it covers show “in maintenance” and stay quiet; when it ends, a check still down opens an incident."
      />
      <MaintenanceList windows={windows} groups={groups} checks={checks.map((c) => ({ id: c.id, name: c.name }))} />
    </>
  );
}
