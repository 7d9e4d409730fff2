// The services a route can target, with their container ports, for the route pages' pickers.
import type { Db } from "@/lib/db";
import { MAX_PAGE_SIZE } from "@/lib/db/pagination";
import { listServices } from "@/lib/inventory";

export async function serviceChoices(db: Db): Promise<{ id: string; name: string; ports: number[] }[]> {
  const page = await listServices(db, { limit: MAX_PAGE_SIZE });
  return page.items
    .map((s) => ({ id: s.id, name: s.name, ports: [...new Set(s.ports.map((p) => p.container))] }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
