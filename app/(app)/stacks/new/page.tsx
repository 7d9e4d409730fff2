import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listHostChoices } from "@/lib/inventory/hosts";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { StackCreateForm } from "@/components/stacks/stack-create-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New stack" };

export default async function NewStackPage() {
  await requirePageSession();
  const hosts = await listHostChoices(getDb());
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        back={<BackLink href="/stacks">Stacks</BackLink>}
        title="New stack"
        description="A Compose project placed on one host. Homeport rolls its services out in dependency order, each behind its healthcheck."
      />
      <StackCreateForm hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />
    </div>
  );
}
