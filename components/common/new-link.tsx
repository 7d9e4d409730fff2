// "+ New service": the button-styled link to a collection's creation page.
import { ButtonLink } from "@/components/ui/button";
import type { ButtonVariant } from "@/components/ui/button";
import { IconPlus } from "@/components/ui/icons";

export function NewLink({ href, variant, children }: { href: string; variant?: ButtonVariant; children: React.ReactNode }) {
  return (
    <ButtonLink href={href} variant={variant}>
      <IconPlus className="size-4" /> {children}
    </ButtonLink>
  );
}
