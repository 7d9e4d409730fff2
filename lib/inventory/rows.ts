// The Service and Host aggregates as they leave the database: one row parser each (JSON columns
// through the API's own schemas, enum columns through their z.enum) and the record types every
// reader uses. Columns are those of prisma/schema.prisma.
import { z } from "zod";
import { jsonColumn, rowParser, type RecordOf } from "@/lib/db/rows";
import { DockerInfoSchema } from "@/lib/protocol";
import { HostSchema, ServiceSchema } from "./schemas";
import { TagSchema } from "./names";

const service = ServiceSchema.shape;

const serviceShape = {
  id: z.string(),
  name: z.string(),
  image: z.string(),
  command: jsonColumn(service.command),
  env: jsonColumn(service.env),
  ports: jsonColumn(service.ports),
  volumes: jsonColumn(service.volumes),
  healthcheck: jsonColumn(service.healthcheck).nullable(),
  restartPolicy: service.restartPolicy,
  egress: service.egress,
  /** Docker options beyond the basics (lib/inventory/runtime.ts); `{}` is every default. */
  runtime: jsonColumn(service.runtime),
  hostId: z.string().nullable(),
  /** The stack that owns this service and its key in the Compose file (both null for a lone service). */
  stackId: z.string().nullable(),
  stackService: z.string().nullable(),
  desiredState: service.desiredState,
  tags: jsonColumn(z.array(TagSchema)),
  groupName: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
/** Service rows: `serviceRows.parse(row)` for a whole row, `serviceRows.columns(row)` for a select. */
export const serviceRows = rowParser("Service", serviceShape);
/** A stored service: its desired spec and where it runs. */
export type ServiceRecord = RecordOf<typeof serviceShape>;

const host = HostSchema.shape;

const hostShape = {
  id: z.string(),
  name: z.string(),
  labels: jsonColumn(z.record(z.string(), z.string())),
  addresses: jsonColumn(host.addresses),
  role: host.role,
  vantage: host.vantage,
  version: z.string().nullable(),
  lastSeenAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  agentSecretHash: z.string().nullable(),
  hostname: z.string().nullable(),
  protocolVersion: z.number().int().nullable(),
  versionMismatch: z.string().nullable(),
  /** Engine facts from the agent's hello (null until an agent said hello without them). */
  dockerInfo: jsonColumn(DockerInfoSchema).nullable(),
  enrolledAt: z.date().nullable(),
  /** Folders an admin allows services on this host to bind-mount. */
  bindRoots: jsonColumn(host.bindRoots),
  /** The policy the host's agent enforces, as it last reported it (null: an older agent reported none). */
  agentPolicy: jsonColumn(host.agentPolicy.unwrap()).nullable(),
};
/** Host rows: `hostRows.parse(row)` for a whole row, `hostRows.columns(row)` for a select. */
export const hostRows = rowParser("Host", hostShape);
/** A stored host: an inventory entry and, once enrolled, its agent's identity and reports. */
export type HostRecord = RecordOf<typeof hostShape>;
