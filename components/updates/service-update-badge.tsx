// "Update available" on a service page: a badge linking to the Updates page when the service's
// tag names a newer image than the one its container runs. Nothing otherwise.
"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { useUpdates } from "./use-updates";

export function ServiceUpdateBadge({ serviceId }: { serviceId: string }) {
  const { data } = useUpdates();
  const mine = data?.services.find((s) => s.serviceId === serviceId);
  if (mine?.status !== "update") return null;
  return (
    <Link href="/updates" className="rounded-full focus-visible:outline-2 focus-visible:outline-indigo-500 hover:opacity-80">
      <Badge tone="accent">Update available</Badge>
    </Link>
  );
}
