import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { RouteForm } from "@/components/routes/route-form";
import { serviceChoices } from "@/components/routes/service-choices";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New route" };

export default async function NewRoutePage() {
  await requirePageSession();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader back={<BackLink href="/routes">Routes</BackLink>} title="New route" description="Give a service a hostname." />
      <RouteForm services={await serviceChoices()} />
    </div>
  );
}
