// One app's page: the install form for those who may install (operators, admins), with the app's
// notes and what it includes beside it; viewers read the same details without any install control.
"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { useCan } from "@/components/auth/role-context";
import { AppAbout, AppNotes } from "./app-about";
import type { CatalogAppDetail, HostOption } from "./catalog-types";
import { InstallForm } from "./install-form";

/** `stackIds`: stack name → id, to link the stacks installed from this app. */
export function AppPage({ app, hosts, stackIds }: { app: CatalogAppDetail; hosts: HostOption[]; stackIds: Record<string, string> }) {
  const canInstall = useCan("write");
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        {app.installed.length > 0 && (
          <Alert tone="info" title="Installed already">
            <span data-testid="installed-as">
              As{" "}
              {app.installed.map((name, i) => (
                <span key={name}>
                  {i > 0 && ", "}
                  {stackIds[name] ? (
                    <Link href={`/stacks/${stackIds[name]}`} className="font-medium underline">
                      {name}
                    </Link>
                  ) : (
                    name
                  )}
                </span>
              ))}
              . Installing again makes another stack beside {app.installed.length === 1 ? "it" : "them"}.
            </span>
          </Alert>
        )}
        {canInstall ? (
          <InstallForm app={app} hosts={hosts} takenNames={Object.keys(stackIds)} />
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
