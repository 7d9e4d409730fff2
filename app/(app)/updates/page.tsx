import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listUpdates } from "@/lib/images";
import { PageHeader } from "@/components/ui/page-header";
import { UpdatesView } from "@/components/updates/updates-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Updates" };

export default async function UpdatesPage() {
  await requirePageSession();
  const initial = await listUpdates(getDb());
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Updates" description="Newer images for the tags your services run, asked of their registries without pulling. Applying one goes through the health-gated rollout, with rollback." />
      <UpdatesView initial={initial} />
    </div>
  );
}
