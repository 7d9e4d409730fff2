// The catalog as the API shows it: a summary per app (with the stacks installed from it), the
// broken folders with their reasons, one app's details, and its checked icon.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { validateStackFile } from "@/lib/stacks";
import { findTemplate, loadCatalog, type LoadedTemplate } from "./loader";
import { renderInstall } from "./render";
import type { CatalogAppDetail, CatalogAppSummary, CatalogList } from "./schemas";
import { sampleValues } from "./validate";

/** The images an app's services run, with the defaults filled in. */
export function templateImages(app: Pick<LoadedTemplate, "template" | "compose">): string[] {
  const r = renderInstall(app.template, app.compose, { values: sampleValues(app.template), gpus: false }, { placeholders: true });
  return [...new Set(validateStackFile({ name: app.template.id, compose: r.compose, env: r.env }).services.map((s) => s.image))];
}

function summary(app: LoadedTemplate, installed: string[]): CatalogAppSummary {
  const t = app.template;
  return {
    id: t.id, name: t.name, description: t.description, category: t.category, version: t.version, source: app.source,
    website: t.website ?? null, hasIcon: app.icon !== null, egress: t.egress, gpu: t.gpu, images: templateImages(app), installed,
  };
}

async function installedBy(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.stack.findMany({ where: { catalogApp: { not: null } }, select: { name: true, catalogApp: true }, orderBy: { name: "asc" } });
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.catalogApp!, [...(out.get(r.catalogApp!) ?? []), r.name]);
  return out;
}

export async function listCatalog(db: Db): Promise<CatalogList> {
  const catalog = loadCatalog();
  const installed = await installedBy(db);
  return { apps: catalog.apps.map((a) => summary(a, installed.get(a.template.id) ?? [])), broken: catalog.broken };
}

export async function getCatalogApp(db: Db, id: string): Promise<CatalogAppDetail> {
  const app = findTemplate(id);
  if (!app) throw notFound("App template");
  const t = app.template;
  const installed = (await installedBy(db)).get(id) ?? [];
  return {
    ...summary(app, installed),
    variables: t.variables.map((v) => ({
      name: v.name, label: v.label ?? v.name, type: v.type, required: v.required, generate: v.generate,
      default: v.default ?? null, description: v.description ?? null, options: v.options ?? null,
    })),
    route: t.route ?? null,
    checks: t.checks.map((c) => ({ name: c.name, service: c.service, port: c.port, type: c.type, path: c.type === "http" ? (c.path ?? "/") : null, expectStatus: c.expectStatus ?? null })),
    backup: t.backup.map((b) => ({ volume: b.volume, description: b.description ?? null })),
    notes: t.notes ?? null,
    compose: app.compose,
  };
}

export function getCatalogIcon(id: string): string {
  const app = findTemplate(id);
  if (!app?.icon) throw notFound("Icon");
  return app.icon;
}
