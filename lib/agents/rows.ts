// The agents domain's tables as they leave the database: observed containers (ContainerState) and
// rollouts (Deployment), one row parser each with enum columns through their z.enum and JSON
// columns through the API's schemas. Hosts are parsed by the inventory (hostRows).
import { z } from "zod";
import { jsonColumn, rowParser, type RecordOf } from "@/lib/db/rows";
import { ContainerStateSchema, DeploymentStatusSchema } from "./schemas";

const container = ContainerStateSchema.shape;

const containerStateShape = {
  id: z.string(),
  hostId: z.string(),
  containerId: z.string(),
  name: z.string(),
  image: z.string(),
  state: container.state,
  /** Docker's human status, e.g. "Up 3 minutes". */
  status: z.string(),
  health: container.health,
  exitCode: z.number().int().nullable(),
  managed: z.boolean(),
  serviceId: z.string().nullable(),
  specHash: z.string().nullable(),
  ports: jsonColumn(container.ports),
  startedAt: z.date().nullable(),
  observedAt: z.date(),
};
/** ContainerState rows: `containerStateRows.parse(row)` for a whole row, `.columns(row)` for a select. */
export const containerStateRows = rowParser("ContainerState", containerStateShape);
/** One container as a host's agent last reported it. */
export type ContainerStateRecord = RecordOf<typeof containerStateShape>;

const deploymentShape = {
  id: z.string(),
  serviceId: z.string(),
  hostId: z.string().nullable(),
  specHash: z.string().nullable(),
  status: DeploymentStatusSchema,
  /** Stored as one text of lines (the newest MAX_LOG_LINES); read as the lines. */
  log: z.string().transform((text) => (text ? text.split("\n") : [])),
  error: z.string().nullable(),
  containerId: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
};
/** Deployment rows: `deploymentRows.parse(row)` for a whole row, `.columns(row)` for a select. */
export const deploymentRows = rowParser("Deployment", deploymentShape);
/** One rollout of a service onto its host. */
export type DeploymentRecord = RecordOf<typeof deploymentShape>;
