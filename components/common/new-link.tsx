// "+ New service": the button-styled link to a collection's creation page (not shown to viewers).
"use client";

import { useCan } from "@/components/auth/role-context";
import { ButtonLink } from "@/components/ui/button";
import type { ButtonVariant } from "@/components/ui/button";
import { IconPlus } from "@/components/ui/icons";

export function NewLink({ href, variant, children }: { href: string; variant?: ButtonVariant; children: React.ReactNode }) {
  if (!useCan("write")) return null;
  return (
    <ButtonLink href={href} variant={variant}>
      <IconPlus className="size-4" /> {children}
    </ButtonLink>
  );
}
