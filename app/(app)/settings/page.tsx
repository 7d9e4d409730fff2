import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listApiTokens } from "@/lib/auth/token-admin";
import { PageHeader } from "@/components/ui/page-header";
import { PasswordForm } from "@/components/settings/password-form";
import { TotpSection } from "@/components/settings/totp-section";
import { TokensSection } from "@/components/settings/tokens-section";
import { SessionsSection } from "@/components/settings/sessions-section";
import { AuditRetentionSection } from "@/components/settings/audit-retention-section";
import { getSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requirePageSession();
  const db = getDb();
  const isAdmin = session.role === "admin";
  const [user, activeSessions, tokens, settings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { totpEnabled: true } }),
    db.session.count({ where: { userId: session.userId } }),
    isAdmin ? listApiTokens(db, session.userId) : Promise.resolve([]),
    isAdmin ? getSettings(db) : Promise.resolve(null),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title="Settings" description={`Your account (${session.username}), sign-in security and API access.`} />
      <div className="space-y-6">
        <PasswordForm />
        <TotpSection enabled={user.totpEnabled} />
        {isAdmin && <TokensSection initial={tokens} />}
        <SessionsSection activeSessions={activeSessions} />
        {settings && <AuditRetentionSection initial={settings} />}
      </div>
    </div>
  );
}
