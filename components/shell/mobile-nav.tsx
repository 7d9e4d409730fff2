// Phone navigation: a menu button in the top bar opens a drawer (a modal <dialog>: focus stays
// inside, Escape closes) with the section links.
"use client";

import { useEffect, useRef, useState } from "react";
import { IconLogo, IconMenu, IconX } from "@/components/ui/icons";
import { NavLinks } from "./nav-links";
import { ThemeSwitch } from "./theme-switch";

export function MobileNav() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label="Open menu"
        aria-expanded={open}
        className="-ml-1.5 rounded-lg p-2 text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <IconMenu className="size-6" />
      </button>
      <dialog
        ref={ref}
        aria-label="Main menu"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === e.currentTarget) setOpen(false);
        }}
        className="m-0 h-dvh max-h-dvh w-72 max-w-[85vw] border-r border-zinc-200 bg-white p-0 text-zinc-900 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="flex h-full flex-col">
          <div className="flex h-14 items-center justify-between border-b border-zinc-200 px-4 dark:border-zinc-800">
            <span className="flex items-center gap-2 font-semibold">
              <IconLogo className="size-7" /> Homeport
            </span>
            <button type="button" onClick={() => setOpen(false)} aria-label="Close menu" className="rounded-lg p-2 text-zinc-500 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800">
              <IconX className="size-5" />
            </button>
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
            <NavLinks onNavigate={() => setOpen(false)} />
          </nav>
          <div className="flex items-center justify-between border-t border-zinc-200 px-4 py-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            Theme <ThemeSwitch />
          </div>
        </div>
      </dialog>
    </>
  );
}
