// Every signed-in page: checks the session (first run goes to /setup, no session to /login)
// and hands the CSRF token to the client-side API wrapper.
import { requirePageSession } from "@/lib/auth/page-session";
import { AppShell } from "@/components/shell/app-shell";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePageSession();
  return (
    <AppProviders csrfToken={session.csrfToken}>
      <RoleProvider role={session.role}>
        <AppShell username={session.username} role={session.role}>
          {children}
        </AppShell>
      </RoleProvider>
    </AppProviders>
  );
}
