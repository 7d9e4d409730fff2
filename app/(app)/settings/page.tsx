import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listApiTokens } from "@/lib/auth/token-admin";
import { listUsers } from "@/lib/auth/users";
import { PageHeader } from "@/components/ui/page-header";
import { PasswordForm } from "@/components/settings/password-form";
import { TotpSection } from "@/components/settings/totp-section";
import { TokensSection } from "@/components/settings/tokens-section";
import { SessionsSection } from "@/components/settings/sessions-section";
import { UsersSection } from "@/components/settings/users-section";
import { AuditRetentionSection } from "@/components/settings/audit-retention-section";
import { RegistryMirrorSection } from "@/components/settings/registry-mirror-section";
import { ImageUpdatesSection } from "@/components/settings/image-updates-section";
import { EgressProofSection } from "@/components/settings/egress-proof-section";
import { ExposureScansSection } from "@/components/settings/exposure-scans-section";
import { getSettings } from "@/lib/settings";
import { CapacityLink } from "@/components/capacity/capacity-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requirePageSession();
  const db = getDb();
  const isAdmin = session.role === "admin";
  // Admin-only sections are neither fetched nor rendered for operators and viewers (the API refuses them too).
  const [user, activeSessions, tokens, settings, users] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { totpEnabled: true } }),
    db.session.count({ where: { userId: session.userId } }),
    listApiTokens(db, session.userId),
    isAdmin ? getSettings(db) : Promise.resolve(null),
    isAdmin ? listUsers(db) : Promise.resolve(null),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title="Settings" description={`Your account (${session.username}, ${session.role}), sign-in security and API access${isAdmin ? ", users" : ""}.`} />
      <div className="space-y-6">
        <CapacityLink />
        <PasswordForm />
        <TotpSection enabled={user.totpEnabled} />
        <TokensSection initial={tokens} role={session.role} />
        <SessionsSection activeSessions={activeSessions} />
        {users && <UsersSection initial={users} currentUserId={session.userId} />}
        {settings && <AuditRetentionSection initial={settings} />}
        {settings && <RegistryMirrorSection initial={settings} />}
        {settings && <ImageUpdatesSection initial={settings} />}
        {settings && <EgressProofSection initial={settings} />}
        {settings && <ExposureScansSection initial={settings} />}
      </div>
    </div>
  );
}
