// GET: the public DNS records the tunnels need (CNAME <tunnel-id>.cfargotunnel.com), as desired
// records for the DNS module.
import { route, json } from "@/lib/api";
import { tunnelPublicDnsRecords } from "@/lib/tunnel";

export const GET = route("read", async ({ db }) => json({ items: await tunnelPublicDnsRecords(db) }));
