import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listHostRows } from "@/lib/pages/host-list";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconServer } from "@/components/ui/icons";
import { AddHostButton } from "@/components/hosts/add-host-button";
import { HostsLive } from "@/components/hosts/hosts-live";
import { HostsList } from "@/components/hosts/hosts-list";
import { HOSTS_PAGE_SIZE } from "@/components/hosts/page-size";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const session = await requirePageSession();
  const initial = await listHostRows(getDb(), { limit: HOSTS_PAGE_SIZE });
  const isAdmin = session.role === "admin";
  const empty = initial.counts.all === 0;
  return (
    <>
      <PageHeader title="Hosts" description="Machines where a Homeport agent runs and deploys your services." actions={isAdmin && !empty ? <AddHostButton /> : undefined} />
      {empty ? (
        <Card>
          <HostsLive />
          <EmptyState icon={<IconServer className="size-6" />} title="No hosts yet" action={isAdmin ? <AddHostButton /> : undefined}>
            <p>
              Hosts appear here when a Homeport agent enrolls. The agent runs next to Docker on each machine and dials out to this dashboard, so hosts behind NAT or on a VPS work the
              same way. Docker is never exposed over the network.
            </p>
            <p className="mt-3">
              {isAdmin
                ? "Add a host to get a one-time token and the command to run on the machine; it shows up here as soon as its agent connects."
                : "Ask an administrator to add a host: they get a one-time token and the command to run on the machine."}
            </p>
          </EmptyState>
        </Card>
      ) : (
        <HostsList initial={initial} />
      )}
    </>
  );
}
