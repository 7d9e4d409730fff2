// "← Services" above a detail page's title.
import Link from "next/link";
import { IconChevronLeft } from "@/components/ui/icons";

export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">
      <IconChevronLeft className="size-4" /> {children}
    </Link>
  );
}
