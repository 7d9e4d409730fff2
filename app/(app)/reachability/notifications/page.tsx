import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listChannels } from "@/lib/probes";
import { PageHeader } from "@/components/ui/page-header";
import { NotificationChannels } from "@/components/reachability/channels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requirePageSession();
  const channels = await listChannels(getDb());
  return (
    <>
      <PageHeader
        back={<Link href="/reachability" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">← Reachability</Link>}
        title="Notifications"
        description="Where incidents are sent: a webhook, an ntfy topic or email through your own SMTP server."
      />
      <NotificationChannels initial={channels} />
    </>
  );
}
