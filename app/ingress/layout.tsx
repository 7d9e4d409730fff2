// /ingress sits outside the (app) route group, so it brings the signed-in shell itself: the same
// session check, providers and navigation as every other signed-in page.
import { requirePageSession } from "@/lib/auth/page-session";
import { AppShell } from "@/components/shell/app-shell";
import { AppProviders } from "@/lib/client/providers";

export const dynamic = "force-dynamic";

export default async function IngressLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePageSession();
  return (
    <AppProviders csrfToken={session.csrfToken}>
      <AppShell username={session.username} role={session.role}>
        {children}
      </AppShell>
    </AppProviders>
  );
}
