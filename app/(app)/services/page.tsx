import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listServices } from "@/lib/inventory/services";
import { PageHeader } from "@/components/ui/page-header";
import { NewLink } from "@/components/common/new-link";
import { SERVICES_PAGE_SIZE } from "@/components/common/page-sizes";
import { ServicesList } from "@/components/services/services-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  await requirePageSession();
  const initial = await listServices(getDb(), { limit: SERVICES_PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Services"
        description="Containers Homeport keeps running on your hosts."
        actions={<NewLink href="/services/new">New service</NewLink>}
      />
      <ServicesList initial={initial} />
    </>
  );
}
