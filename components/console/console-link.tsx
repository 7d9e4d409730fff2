// The service page's way to its console and inspect view: "Console" for admins, "Inspect" for others.
"use client";

import { ButtonLink } from "@/components/ui/button";
import { useCan } from "@/components/auth/role-context";

export function ConsoleLink({ serviceId }: { serviceId: string }) {
  const admin = useCan("admin");
  return (
    <ButtonLink href={`/services/${serviceId}/console`} variant="secondary" size="sm" data-testid="console-link">
      {admin ? "Console & inspect" : "Inspect"}
    </ButtonLink>
  );
}
