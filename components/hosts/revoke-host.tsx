// The host page's "Revoke": the confirmation dialog from the agents components, then a refresh so
// the server-rendered parts (facts, banner) show the host as revoked.
"use client";

import { useRouter } from "next/navigation";
import { RevokeHostButton } from "@/components/agents";

export function RevokeHost({ hostId, hostName }: { hostId: string; hostName: string }) {
  const router = useRouter();
  return <RevokeHostButton hostId={hostId} hostName={hostName} onRevoked={() => router.refresh()} />;
}
