// What the catalog pages read from and send to the catalog API, as lib/catalog/schemas defines it
// (app summaries, one app's detail, the plan and install bodies and answers). Types only.
import type { CatalogAppDetail, CatalogInstallResult, CatalogPlan } from "@/lib/catalog/schemas";

export type Egress = "open" | "offline";
export type Exposure = "lan" | "remote" | "both";

export type { CatalogAppSummary, BrokenTemplate, CatalogList, CatalogAppDetail } from "@/lib/catalog/schemas";
export type CatalogVariable = CatalogAppDetail["variables"][number];
export type VariableType = CatalogVariable["type"];

/** The body of POST /catalog/:id/plan and /install. */
export interface InstallRequest {
  stackName: string;
  hostId: string;
  values: Record<string, string | number | boolean>;
  hostname?: string;
  exposure?: Exposure;
  egress?: Egress;
}

/** What installing would create (POST /catalog/:id/plan); nothing is written. */
export type InstallPlan = CatalogPlan;
export type InstallResult = CatalogInstallResult;

/** A host the stack can be placed on; connected ones are offered first. */
export interface HostOption {
  id: string;
  name: string;
  online: boolean;
}
