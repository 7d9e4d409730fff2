// The overview page's figures: counts and what needs attention.
import type { Db } from "@/lib/db";
import { auditEventRows } from "@/lib/audit";

export interface Overview {
  counts: { services: number; routes: number; hosts: number; unplacedServices: number };
  attention: { kind: "unplaced-service" | "no-hosts" | "totp-off"; message: string; href: string }[];
  recent: { id: string; at: string; action: string; actorName: string | null; targetType: string | null; targetId: string | null }[];
}

/** Audit events the overview lists. */
const RECENT_EVENTS = 8;

export async function getOverview(db: Db, userId: string): Promise<Overview> {
  const [services, routes, hosts, unplaced, user, recent] = await Promise.all([
    db.service.count(),
    db.route.count(),
    db.host.count({ where: { revokedAt: null } }),
    db.service.findMany({ where: { hostId: null }, select: { id: true, name: true }, take: 5 }),
    db.user.findUnique({ where: { id: userId }, select: { totpEnabled: true } }),
    db.auditEvent.findMany({
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: RECENT_EVENTS,
      select: { id: true, at: true, action: true, actorName: true, targetType: true, targetId: true },
    }),
  ]);
  const unplacedCount = unplaced.length < 5 ? unplaced.length : await db.service.count({ where: { hostId: null } });
  const attention: Overview["attention"] = [];
  if (hosts === 0) attention.push({ kind: "no-hosts", message: "No host is enrolled yet: services cannot be deployed until an agent connects.", href: "/hosts" });
  for (const s of unplaced) attention.push({ kind: "unplaced-service", message: `Service "${s.name}" has no target host.`, href: `/services/${s.id}` });
  if (user && !user.totpEnabled) attention.push({ kind: "totp-off", message: "Two-factor sign-in is off for your account.", href: "/settings" });
  return {
    counts: { services, routes, hosts, unplacedServices: unplacedCount },
    attention,
    recent: recent.map((row) => {
      const e = auditEventRows.columns(row);
      return { ...e, at: e.at.toISOString() };
    }),
  };
}
