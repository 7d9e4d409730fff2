// Tunnel rows as the domain reads them: parsed once where they leave the database (kind and mode
// through their z.enum; lib/db/rows), one record type for the aggregate.
import { z } from "zod";
import { rowParser, type RecordOf } from "@/lib/db/rows";
import { TUNNEL_KINDS } from "./catalog";
import { TUNNEL_MODES } from "./types";

const tunnelShape = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(TUNNEL_KINDS),
  mode: z.enum(TUNNEL_MODES),
  accountId: z.string().nullable(),
  externalId: z.string(),
  /** Sealed (lib/auth/secret-box), or "" for none (a caddy-edge admin API that is not fronted). */
  credentialsSealed: z.string(),
  originUrl: z.string(),
  apiBaseUrl: z.string().nullable(),
  hostId: z.string().nullable(),
  /** pending | ok | unreachable | rejected | unauthorized | rate_limited | agent_unavailable | deploy_failed | unknown */
  status: z.string(),
  statusDetail: z.string().nullable(),
  checkedAt: z.date().nullable(),
  lastAppliedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
export const tunnelRows = rowParser("Tunnel", tunnelShape);
export type TunnelRecord = RecordOf<typeof tunnelShape>;
