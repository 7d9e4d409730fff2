// What an app brings, shown beside its install form (and alone to viewers): its notes, images,
// the route and checks it creates, the volumes worth backing up, and what offline egress means.
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { CatalogAppDetail } from "./catalog-types";

export const OFFLINE_TEXT =
  "Offline: every network the app's services join is internal, so they reach each other and the host's published ports but nothing outside — no updates, no telemetry, no calls home. Homeport proves it: a check inside each service's network namespace tries to reach the internet and must fail, after every deploy and on a schedule.";
export const OPEN_TEXT = "Open: the services reach the internet like any container (needed for apps that fetch media metadata, sync or send notifications).";

export function AppNotes({ app }: { app: CatalogAppDetail }) {
  if (!app.notes) return null;
  return (
    <Card data-testid="app-notes">
      <CardHeader title="Before you install" />
      <CardBody>
        <p className="text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">{app.notes}</p>
      </CardBody>
    </Card>
  );
}

export function AppAbout({ app }: { app: CatalogAppDetail }) {
  return (
    <Card data-testid="app-about">
      <CardHeader title="What it includes" />
      <CardBody className="space-y-4 text-sm">
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={app.egress === "offline" ? "accent" : "neutral"}>{app.egress === "offline" ? "Offline by default" : "Internet access"}</Badge>
          {app.gpu === "optional" && <Badge tone="info">Uses a GPU when the host allows it</Badge>}
          <Badge>{app.source === "user" ? "Your template" : "Built-in template"} · v{app.version}</Badge>
        </div>
        <dl className="space-y-3">
          <div>
            <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Images</dt>
            <dd>
              <ul className="mt-1 space-y-0.5">
                {app.images.map((i) => (
                  <li key={i} className="font-mono text-xs break-all">
                    {i}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Web interface</dt>
            <dd className="mt-1">{app.route ? `${app.route.service}, port ${app.route.port} (a hostname can point at it)` : "None to route"}</dd>
          </div>
          {app.checks.length > 0 && (
            <div>
              <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Checks created</dt>
              <dd>
                <ul className="mt-1 space-y-0.5">
                  {app.checks.map((c) => (
                    <li key={c.name}>
                      {c.name} <span className="text-xs text-zinc-500 dark:text-zinc-400">({c.type.toUpperCase()} {c.service}:{c.port}{c.type === "http" ? (c.path ?? "/") : ""})</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {app.backup.length > 0 && (
            <div>
              <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Worth backing up</dt>
              <dd>
                <ul className="mt-1 space-y-0.5">
                  {app.backup.map((b) => (
                    <li key={b.volume}>
                      <span className="font-mono text-xs">{b.volume}</span>
                      {b.description && <span className="text-zinc-600 dark:text-zinc-300">: {b.description}</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {app.website && (
            <div>
              <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Website</dt>
              <dd className="mt-1">
                <a href={app.website} target="_blank" rel="noreferrer noopener" className="break-all text-indigo-600 underline dark:text-indigo-400">
                  {app.website}
                </a>
              </dd>
            </div>
          )}
        </dl>
      </CardBody>
    </Card>
  );
}
