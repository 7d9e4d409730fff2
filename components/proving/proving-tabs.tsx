// The proving ground's sections as tabs: the attacker's view, game days and the firewall.
"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export const PROVING_TABS = [
  { href: "/proving", label: "Exposure" },
  { href: "/proving/game-days", label: "Game days" },
  { href: "/proving/firewall", label: "Firewall" },
] as const;

export function ProvingTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Proving ground" className="mb-6 flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      {PROVING_TABS.map((t) => {
        const active = t.href === "/proving" ? pathname === "/proving" || pathname.startsWith("/proving/reports/") : pathname === t.href || pathname.startsWith(`${t.href}/`);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
              active ? "border-blue-600 text-zinc-900 dark:text-zinc-50" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
