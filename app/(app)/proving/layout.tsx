// The proving ground (issue 17): the lab seen as an attacker sees it, real game days, the firewall.
import { PageHeader } from "@/components/ui/page-header";
import { ProvingTabs } from "@/components/proving/proving-tabs";

export default function ProvingLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Proving ground" description="The lab as an attacker sees it, real faults that always revert, and each host's firewall." />
      <ProvingTabs />
      {children}
    </div>
  );
}
