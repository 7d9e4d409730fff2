// The services a route can target, with their container ports (server-side helper for pages).
import { getDb } from "@/lib/db";
import { listServices } from "@/lib/inventory/services";
import { MAX_PAGE_SIZE } from "@/lib/api/pagination";

export async function serviceChoices(): Promise<{ id: string; name: string; ports: number[] }[]> {
  const page = await listServices(getDb(), { limit: MAX_PAGE_SIZE });
  return page.items
    .map((s) => ({ id: s.id, name: s.name, ports: [...new Set(s.ports.map((p) => p.container))] }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
