import { json } from "@/lib/api";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const h = await checkHealth();
  return json(h, h.status === "ok" ? 200 : 503);
}
