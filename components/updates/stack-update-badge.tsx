// "Update available" on a stack page: a badge linking to the Updates page when any of the stack's
// services runs an older image than its tag names now, with how many.
"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { useUpdates } from "./use-updates";

export function StackUpdateBadge({ stackId }: { stackId: string }) {
  const { data } = useUpdates();
  const mine = data?.stacks.find((s) => s.stackId === stackId);
  if (!mine || mine.services.length === 0) return null;
  const n = mine.services.length;
  return (
    <Link href="/updates" className="rounded-full focus-visible:outline-2 focus-visible:outline-indigo-500 hover:opacity-80">
      <Badge tone="accent">Update available{n > 1 ? ` (${n} services)` : ""}</Badge>
    </Link>
  );
}
