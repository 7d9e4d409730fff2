// The signed-in user's menu: who is signed in and their role, settings, theme, sign out. Opens upward in the
// sidebar and downward in the phone top bar; Escape and clicks outside close it.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { IconChevronDown, IconLogout, IconSettings } from "@/components/ui/icons";
import { useApi } from "@/lib/client/api";
import { ThemeSwitch } from "./theme-switch";

/** What the role lets the user do, in the menu under their name. */
const ROLE_HINT: Record<string, string> = {
  admin: "Can do everything, including users and settings.",
  operator: "Runs the lab; no users or settings.",
  viewer: "Can look, not change.",
};

export function UserMenu({ username, role, placement }: { username: string; role: string; placement: "up" | "down" }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const api = useApi();
  const router = useRouter();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    rootRef.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const onMenuKey = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = Array.from(rootRef.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);
    const i = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === "ArrowDown" ? (i + 1) % items.length : (i - 1 + items.length) % items.length;
    items[next]?.focus();
  };

  const signOut = async () => {
    setSigningOut(true);
    try {
      await api.post("/api/auth/logout");
    } finally {
      router.replace("/login");
      router.refresh();
    }
  };

  const initial = username.slice(0, 1).toUpperCase();
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          "flex items-center gap-2 rounded-lg text-left focus-visible:outline-2 focus-visible:outline-indigo-500",
          placement === "up" ? "w-full px-2 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800/70" : "p-1",
        )}
      >
        <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white">{initial}</span>
        {placement === "up" && (
          <>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{username}</span>
              <span className="block text-xs text-zinc-500 capitalize dark:text-zinc-400">{role}</span>
            </span>
            <IconChevronDown className="size-4 text-zinc-400" />
          </>
        )}
        <span className="sr-only">Account menu for {username} ({role})</span>
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Account"
          onKeyDown={onMenuKey}
          className={cn(
            "absolute z-40 w-60 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
            placement === "up" ? "bottom-full left-0 mb-2" : "top-full right-0 mt-2",
          )}
        >
          <div className="px-2.5 py-2 text-sm">
            <p className="text-zinc-500 dark:text-zinc-400">Signed in as</p>
            <p className="flex items-center justify-between gap-2 font-medium text-zinc-900 dark:text-zinc-100">
              <span className="truncate">{username}</span>
              <span data-testid="user-menu-role" className="shrink-0 rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 capitalize dark:bg-zinc-800 dark:text-zinc-300">
                {role}
              </span>
            </p>
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{ROLE_HINT[role] ?? ""}</p>
          </div>
          <div className="my-1 border-t border-zinc-200 dark:border-zinc-800" />
          <Link role="menuitem" href="/settings" onClick={() => setOpen(false)} className="flex items-center gap-2 rounded-md px-2.5 py-2 text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800">
            <IconSettings className="size-4" /> Settings
          </Link>
          <div className="flex items-center justify-between px-2.5 py-2 text-sm text-zinc-700 dark:text-zinc-200">
            Theme <ThemeSwitch />
          </div>
          <div className="my-1 border-t border-zinc-200 dark:border-zinc-800" />
          <button role="menuitem" type="button" onClick={signOut} disabled={signingOut} className="flex w-full items-center gap-2 rounded-md px-2.5 py-2 text-left text-sm text-red-700 hover:bg-red-50 focus:bg-red-50 focus:outline-none disabled:opacity-60 dark:text-red-400 dark:hover:bg-red-950/50 dark:focus:bg-red-950/50">
            <IconLogout className="size-4" /> {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      )}
    </div>
  );
}
