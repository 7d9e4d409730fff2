import { requirePageSession } from "@/lib/auth/page-session";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getStackOrThrow } from "@/lib/stacks";
import { StackPage } from "@/components/stacks/stack-page";

export const dynamic = "force-dynamic";

const loadStack = detailLoader(getStackOrThrow);
export const generateMetadata = detailMetadata("Stack", loadStack, (s) => s.name);

export default async function StackDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePageSession();
  const { id } = await params;
  const stack = await loadStack(id);
  return <StackPage initial={stack} isAdmin={session.role === "admin"} />;
}
