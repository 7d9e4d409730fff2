// The frame of the sign-in and first-run pages: a centred card, no navigation.
import { IconLogo } from "@/components/ui/icons";
import { AppProviders } from "@/lib/client/providers";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <AppProviders>
      <main className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-indigo-50 to-zinc-50 px-4 py-12 dark:from-zinc-900 dark:to-zinc-950">
        <div className="mb-8 flex items-center gap-3">
          <IconLogo className="size-10" />
          <span className="text-2xl font-semibold tracking-tight">Homeport</span>
        </div>
        <div className="w-full max-w-sm rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">{children}</div>
        <p className="mt-8 text-xs text-zinc-500 dark:text-zinc-500">Your homelab, one dashboard — at home and away.</p>
      </main>
    </AppProviders>
  );
}
