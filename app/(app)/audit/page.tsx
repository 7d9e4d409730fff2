import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { listAuditEvents } from "@/lib/audit";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { AUDIT_PAGE_SIZE } from "@/components/common/page-sizes";
import { AuditList } from "@/components/audit/audit-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const session = await requirePageSession();
  if (session.role !== "admin") {
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert tone="info">Only administrators can read the audit log.</Alert>
      </>
    );
  }
  const initial = await listAuditEvents({ limit: AUDIT_PAGE_SIZE });
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, when, and from where. Every change and sign-in is recorded." />
      <AuditList initial={initial} />
    </>
  );
}
