// The reachability pages live outside the (app) route group, so they bring the same signed-in
// frame: session check, client providers with the CSRF token, and the app shell.
import { requirePageSession } from "@/lib/auth/page-session";
import { AppShell } from "@/components/shell/app-shell";
import { AppProviders } from "@/lib/client/providers";

export const dynamic = "force-dynamic";

export default async function ReachabilityLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePageSession();
  return (
    <AppProviders csrfToken={session.csrfToken}>
      <AppShell username={session.username} role={session.role}>
        {children}
      </AppShell>
    </AppProviders>
  );
}
