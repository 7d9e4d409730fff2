// The ingress tables as they leave the database: the Caddy connection (IngressSettings, one row)
// and each Route's proxy entry (ProxyEntry), one row parser each: listen addresses through the
// API's schema, statuses and TLS modes through their z.enum.
import { z } from "zod";
import { jsonColumn, rowParser, type RecordOf } from "@/lib/db/rows";
import { EntryViewSchema, IngressSettingsSchema } from "./schemas";

const settingsShape = {
  id: z.string(),
  adminUrl: z.string(),
  serverName: z.string(),
  listen: jsonColumn(IngressSettingsSchema.shape.listen),
  httpPort: z.number().int(),
  httpsPort: z.number().int(),
  proxyAddress: z.string().nullable(),
  status: IngressSettingsSchema.shape.status,
  statusDetail: z.string().nullable(),
  checkedAt: z.date().nullable(),
  lastAppliedAt: z.date().nullable(),
  /** The admin API's Authorization header, sealed (lib/auth/secret-box). */
  adminAuthSealed: z.string().nullable(),
  updatedAt: z.date(),
};
/** IngressSettings rows (one, id "default"). */
export const ingressSettingsRows = rowParser("IngressSettings", settingsShape);
/** The stored Caddy connection and its last status. */
export type IngressSettingsRecord = RecordOf<typeof settingsShape>;

const entryShape = {
  routeId: z.string(),
  tlsMode: EntryViewSchema.shape.tlsMode,
  certificatePem: z.string().nullable(),
  /** The user-supplied private key, sealed (lib/auth/secret-box). */
  keySealed: z.string().nullable(),
  status: EntryViewSchema.shape.status,
  statusDetail: z.string().nullable(),
  checkedAt: z.date().nullable(),
  appliedAt: z.date().nullable(),
  updatedAt: z.date(),
};
/** ProxyEntry rows, identified by their Route's id. */
export const proxyEntryRows = rowParser("ProxyEntry", entryShape, { idColumn: "routeId" });
/** One Route's proxy options and last observed status. */
export type ProxyEntryRecord = RecordOf<typeof entryShape>;
