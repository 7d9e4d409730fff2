// Vantage points are data: the control plane ("control-plane", lan) and one per agent host. The
// agent hub calls upsertVantage when an agent enrolls or reconnects. Which vantage points may
// report over HTTP, and for which checks, is decided here too (reportRefusal, checksAssignedTo).
import type { Db } from "@/lib/db";
import type { DbOrTx } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { CONTROL_PLANE_VANTAGE_ID, type VantageKind, type VantageSelector, type VantageView } from "./schemas";
import { SelectorsColumn } from "./rows";
import { toVantageView } from "./views";

export const CONTROL_PLANE_VANTAGE = { id: CONTROL_PLANE_VANTAGE_ID, name: "Control plane", kind: "lan" as VantageKind };

export async function ensureControlPlaneVantage(db: DbOrTx): Promise<void> {
  await db.vantagePoint.upsert({
    where: { id: CONTROL_PLANE_VANTAGE.id },
    create: CONTROL_PLANE_VANTAGE,
    update: {},
  });
}

export async function upsertVantage(db: DbOrTx, v: { id: string; name: string; kind: VantageKind; enabled?: boolean }): Promise<VantageView> {
  const row = await db.vantagePoint.upsert({
    where: { id: v.id },
    create: { id: v.id, name: v.name, kind: v.kind, enabled: v.enabled ?? true },
    update: { name: v.name, kind: v.kind, ...(v.enabled !== undefined && { enabled: v.enabled }) },
  });
  return toVantageView(row);
}

export async function listVantages(db: Db): Promise<VantageView[]> {
  const rows = await db.vantagePoint.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] });
  // The control plane first, then LAN, then remote.
  return rows.map(toVantageView).sort((a, b) => Number(b.id === CONTROL_PLANE_VANTAGE.id) - Number(a.id === CONTROL_PLANE_VANTAGE.id));
}

export async function getVantageOrThrow(db: DbOrTx, id: string): Promise<VantageView> {
  const row = await db.vantagePoint.findUnique({ where: { id } });
  if (!row) throw notFound("Vantage point");
  return toVantageView(row);
}

export async function deleteVantage(db: Db, id: string): Promise<void> {
  if (id === CONTROL_PLANE_VANTAGE.id) {
    await db.vantagePoint.update({ where: { id }, data: { enabled: false } });
    return;
  }
  await getVantageOrThrow(db, id);
  await db.vantagePoint.delete({ where: { id } });
}

/** Whether a check with these selectors runs from this vantage point (empty = everywhere). */
export function selectsVantage(selectors: VantageSelector[], v: { id: string; kind: string }): boolean {
  if (selectors.length === 0) return true;
  return selectors.some((s) => s === v.id || s === `kind:${v.kind}`);
}

/**
 * Why a vantage point may not report results over HTTP, or null: the control plane and agents'
 * hosts report through their own channel (in-process, the agent's WebSocket), and a disabled
 * vantage point reports nothing.
 */
export async function reportRefusal(db: DbOrTx, v: { id: string; name: string; enabled: boolean }): Promise<string | null> {
  if (v.id === CONTROL_PLANE_VANTAGE.id) return "the control plane stores its own results; it does not report over HTTP";
  if (!v.enabled) return `vantage point "${v.name}" is disabled`;
  if (await db.host.findUnique({ where: { id: v.id }, select: { id: true } })) return `vantage point "${v.name}" is an agent's host: its agent reports over its own connection`;
  return null;
}

/**
 * Of `checkIds`, which exist, which are enabled, and which run from this vantage point — the same
 * selection its schedule gets (loadChecksForVantage: enabled checks whose selectors pick it).
 */
export async function checksAssignedTo(db: DbOrTx, v: { id: string; kind: string }, checkIds: string[]): Promise<{ known: Set<string>; enabled: Set<string>; assigned: Set<string> }> {
  const rows = await db.check.findMany({ where: { id: { in: checkIds } }, select: { id: true, enabled: true, pausedAt: true, vantages: true } });
  const known = new Set(rows.map((r) => r.id));
  const enabled = new Set(rows.filter((r) => r.enabled).map((r) => r.id));
  const assigned = new Set(rows.filter((r) => {
    const selectors = r.enabled && !r.pausedAt ? parseSelectors(r.vantages) : null;
    return selectors !== null && selectsVantage(selectors, v);
  }).map((r) => r.id));
  return { known, enabled, assigned };
}

/** A stored selector list; null when unreadable (it then selects nothing rather than everything). */
function parseSelectors(raw: string): VantageSelector[] | null {
  return SelectorsColumn.safeParse(raw).data ?? null;
}
