import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listStacks } from "@/lib/stacks";
import { StacksList } from "@/components/stacks/stacks-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stacks" };

export default async function StacksPage() {
  await requirePageSession();
  return <StacksList initial={await listStacks(getDb())} />;
}
