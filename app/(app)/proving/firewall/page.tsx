// Proving ground → Firewall: the hosts and their firewall state (the layout renders the header and tabs).
import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db";
import { listFirewallHosts } from "@/lib/firewall";
import { FirewallHosts } from "@/components/proving/firewall-hosts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Firewall" };

export default async function ProvingFirewallPage() {
  await requirePageSession();
  return <FirewallHosts hosts={await listFirewallHosts(getDb())} />;
}
