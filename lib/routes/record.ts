// The Route aggregate as it leaves the database: one row parser (exposure typed as its enum), the
// record type every reader of route rows uses, the readers, its parts' rows, and the shape of a
// route being drafted.
import { z } from "zod";
import type { DbOrTx } from "@/lib/audit";
import { rowParser } from "@/lib/db/rows";
import { ExposureSchema } from "./exposure";
import { RoutePartNameSchema, RoutePartStatusSchema } from "./schemas";

export const routeRows = rowParser("Route", {
  id: z.string(),
  hostname: z.string(),
  serviceId: z.string().nullable(),
  servicePort: z.number().int().nullable(),
  upstreamUrl: z.string().nullable(),
  exposure: ExposureSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});

/** A stored route. */
export type RouteRecord = ReturnType<typeof routeRows.parse>;

/** A whole Route row → its record (relations such as `service` are ignored); a damaged row is a RowParseError. */
export const routeFromRow = routeRows.parse;

/** Where the reconciler stands with one part of one route (RoutePart rows, part and status as their enums). */
export const routePartRows = rowParser(
  "RoutePart",
  {
    routeId: z.string(),
    part: RoutePartNameSchema,
    status: RoutePartStatusSchema,
    message: z.string().nullable(),
    attempts: z.number().int(),
    lastAttemptAt: z.date().nullable(),
    nextAttemptAt: z.date().nullable(),
    appliedAt: z.date().nullable(),
    updatedAt: z.date(),
  },
  { idColumn: "routeId" },
);
export type RoutePartRecord = ReturnType<typeof routePartRows.parse>;

/** What planning needs of a route: a saved one, or one being drafted in the wizard (no id yet). */
export type RouteLike = Pick<RouteRecord, "hostname" | "exposure" | "serviceId" | "servicePort" | "upstreamUrl"> & { id: string | null };

/** One stored route, or null. */
export async function findRoute(db: DbOrTx, id: string): Promise<RouteRecord | null> {
  const row = await db.route.findUnique({ where: { id } });
  return row ? routeFromRow(row) : null;
}

/** Every stored route, by hostname. */
export async function listRouteRecords(db: DbOrTx): Promise<RouteRecord[]> {
  return (await db.route.findMany({ orderBy: { hostname: "asc" } })).map(routeFromRow);
}
