import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { IconLogo } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <IconLogo className="size-12" />
      <p className="mt-6 text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">The page you asked for does not exist, or the item was deleted.</p>
      <ButtonLink href="/" className="mt-6">
        Back to the overview
      </ButtonLink>
    </main>
  );
}
