import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listChannels, listVantages } from "@/lib/probes";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { CheckForm } from "@/components/reachability/check-form";
import type { CheckKind } from "@/components/reachability/check-model";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New check" };

const KINDS: CheckKind[] = ["http", "tcp", "dns", "tls", "ping", "push"];

export default async function NewCheckPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  await requirePageSession();
  const { type } = await searchParams;
  const db = getDb();
  const [vantages, channels] = await Promise.all([listVantages(db), listChannels(db)]);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader back={<BackLink href="/reachability">Reachability</BackLink>} title="New check" description="Probe a URL, a port, a DNS answer or a TLS handshake from the vantage points you choose." />
      <CheckForm
        vantages={vantages.map((v) => ({ id: v.id, name: v.name, kind: v.kind, enabled: v.enabled }))}
        channels={channels.map((c) => ({ id: c.id, name: c.name, kind: c.kind, enabled: c.enabled }))}
        defaultKind={KINDS.find((k) => k === type) ?? "http"}
      />
    </div>
  );
}
