import { route, json, parseQuery } from "@/lib/api";
import { HostListQuerySchema } from "@/lib/pages/schemas";
import { listHostRows } from "@/lib/pages/host-list";

export const GET = route("read", async ({ req, db }) => json(await listHostRows(db, parseQuery(req, HostListQuerySchema))));
