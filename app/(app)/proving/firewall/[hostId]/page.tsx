// Proving ground → Firewall → one host (the layout renders the header and tabs); an unknown host is the 404 page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db";
import { FirewallHostPage } from "@/components/proving/firewall-host-page";

export const dynamic = "force-dynamic";

async function loadHost(hostId: string) {
  return getDb().host.findFirst({ where: { id: hostId, revokedAt: null }, select: { id: true, name: true } });
}

export async function generateMetadata({ params }: { params: Promise<{ hostId: string }> }): Promise<Metadata> {
  const host = await loadHost((await params).hostId);
  return { title: host ? `Firewall of ${host.name}` : "Firewall" };
}

export default async function ProvingFirewallHostPage({ params }: { params: Promise<{ hostId: string }> }) {
  await requirePageSession();
  const host = await loadHost((await params).hostId);
  if (!host) notFound();
  return <FirewallHostPage hostId={host.id} hostName={host.name} />;
}
