// The Settings page's way to Settings → Capacity: one row that says what is there.
import Link from "next/link";
import { IconActivity } from "@/components/ui/icons";

export function CapacityLink() {
  return (
    <Link
      href="/settings/capacity"
      className="flex items-center gap-4 rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-sm transition-colors hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700"
    >
      <span className="rounded-lg bg-indigo-50 p-2 text-indigo-600 dark:bg-indigo-500/15 dark:text-indigo-300">
        <IconActivity className="size-5" />
      </span>
      <span className="min-w-0 grow">
        <span className="block text-base font-semibold text-zinc-900 dark:text-zinc-100">Capacity</span>
        <span className="block text-sm text-zinc-500 dark:text-zinc-400">Live headroom of this control plane and the last scale run: how many agents this machine carries.</span>
      </span>
      <span aria-hidden className="text-zinc-400">→</span>
    </Link>
  );
}
