// Settings → Capacity: how much this instance carries now and what the last scale run proved this
// machine can carry (every role may read it).
import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db";
import { getCapacityLive, readCapacityRun, type CapacityRun } from "@/lib/capacity";
import { DomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { CapacityView } from "@/components/capacity/capacity-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Capacity" };

export default async function CapacityPage() {
  await requirePageSession();
  const live = await getCapacityLive(getDb());
  let run: CapacityRun | null = null;
  let runProblem: string | null = null;
  try {
    run = await readCapacityRun();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    runProblem = err.message;
  }
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Capacity"
        description="How much this control plane carries now, and how far the last scale run pushed this machine before something gave out."
        back={<BackLink href="/settings">Settings</BackLink>}
      />
      <CapacityView initialLive={live} run={run} runProblem={runProblem} />
    </div>
  );
}
