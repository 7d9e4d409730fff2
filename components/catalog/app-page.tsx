// One app's page: the install form for those who may install (operators, admins), with the app's
// notes and what it includes beside it; viewers read the same details without any install control.
"use client";

import { Alert } from "@/components/ui/alert";
import { useCan } from "@/components/auth/role-context";
import { AppAbout, AppNotes } from "./app-about";
import type { CatalogAppDetail, HostOption } from "./catalog-types";
import { InstallForm } from "./install-form";

export function AppPage({ app, hosts, takenNames }: { app: CatalogAppDetail; hosts: HostOption[]; takenNames: string[] }) {
  const canInstall = useCan("write");
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        {canInstall ? (
          <InstallForm app={app} hosts={hosts} takenNames={takenNames} />
        ) : (
          <Alert tone="info" title="Read only">
            Your role can browse the catalog; an operator or an admin installs apps.
          </Alert>
        )}
      </div>
      <aside className="min-w-0 space-y-6" aria-label={`About ${app.name}`}>
        <AppNotes app={app} />
        <AppAbout app={app} />
      </aside>
    </div>
  );
}
