import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listServicePage, serviceListChoices } from "@/lib/pages/service-list";
import { ROLE_SCOPES, scopeCovers } from "@/lib/auth/schemas";
import { PageHeader } from "@/components/ui/page-header";
import { NewLink } from "@/components/common/new-link";
import { SERVICES_PAGE_SIZE } from "@/components/common/page-sizes";
import { ServicesList } from "@/components/services/services-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  const session = await requirePageSession();
  const db = getDb();
  const [initial, choices] = await Promise.all([listServicePage(db, { limit: SERVICES_PAGE_SIZE, sort: "attention" }), serviceListChoices(db)]);
  return (
    <>
      <PageHeader
        title="Services"
        description="Containers Homeport keeps running on your hosts; what needs attention comes first."
        actions={scopeCovers(ROLE_SCOPES[session.role], "write") ? <NewLink href="/services/new">New service</NewLink> : undefined}
      />
      <ServicesList initial={initial} choices={choices} />
    </>
  );
}
