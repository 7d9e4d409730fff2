// The frame of every signed-in page: a sidebar on wide screens, a compact top bar with a menu
// drawer on phones, and the page content.
import Link from "next/link";
import { IconLogo } from "@/components/ui/icons";
import { NavLinks } from "./nav-links";
import { MobileNav } from "./mobile-nav";
import { UserMenu } from "./user-menu";

export function AppShell({ username, role, children }: { username: string; role: string; children: React.ReactNode }) {
  return (
    <div className="min-h-dvh">
      <a href="#main" className="sr-only z-50 rounded-md bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-zinc-200 bg-white lg:flex dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/" className="flex h-16 items-center gap-2.5 px-5 text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-500">
          <IconLogo className="size-8" /> Homeport
        </Link>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
          <NavLinks />
        </nav>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <UserMenu username={username} role={role} placement="up" />
        </div>
      </aside>
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-zinc-200 bg-white/90 px-4 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-900/90">
        <div className="flex items-center gap-2">
          <MobileNav />
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <IconLogo className="size-7" /> Homeport
          </Link>
        </div>
        <UserMenu username={username} role={role} placement="down" />
      </header>
      <div className="lg:pl-64">
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-10">
          {children}
        </main>
      </div>
    </div>
  );
}
