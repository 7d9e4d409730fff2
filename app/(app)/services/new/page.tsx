import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listHostChoices } from "@/lib/inventory/hosts";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { ServiceForm } from "@/components/services/service-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  await requirePageSession();
  const hosts = await listHostChoices(getDb());
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader back={<BackLink href="/services">Services</BackLink>} title="New service" description="Describe the container; an agent deploys it on the target host." />
      <ServiceForm hosts={hosts} />
    </div>
  );
}
