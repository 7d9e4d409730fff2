// What the catalog pages read from the catalog API (the shapes of lib/catalog/schemas): app
// summaries, one app's detail and the plan of an install. Types only.
import type { RoutePartPlan } from "@/lib/routes/schemas";
import type { StackPlanView } from "@/lib/stacks/schemas";

export const CATALOG_CATEGORIES = [
  "development", "passwords", "media", "home", "network", "files", "photos", "ai", "monitoring", "infrastructure", "communication",
] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

export type Egress = "open" | "offline";
export type Exposure = "lan" | "remote" | "both";

export interface CatalogAppSummary {
  id: string;
  name: string;
  description: string;
  category: string;
  version: number;
  source: "builtin" | "user";
  hasIcon: boolean;
  egress: Egress;
  gpu: "none" | "optional";
  images: string[];
  /** Names of the stacks installed from this template. */
  installed: string[];
  website: string | null;
}

export interface BrokenTemplate {
  id: string;
  source: "builtin" | "user";
  message: string;
}

export interface CatalogList {
  apps: CatalogAppSummary[];
  broken: BrokenTemplate[];
}

export type VariableType = "string" | "password" | "port" | "number" | "boolean" | "enum" | "path";

export interface CatalogVariable {
  name: string;
  label: string;
  type: VariableType;
  generate: boolean;
  description: string | null;
  default: string | number | boolean | null;
  required: boolean;
  options: string[] | null;
}

export interface CatalogAppDetail extends CatalogAppSummary {
  variables: CatalogVariable[];
  route: { service: string; port: number } | null;
  checks: { name: string; service: string; port: number; type: "http" | "tcp"; path: string | null; expectStatus: number | null }[];
  backup: { volume: string; description: string | null }[];
  notes: string | null;
  compose: string;
}

/** The body of POST /catalog/:id/plan and /install. */
export interface InstallRequest {
  stackName: string;
  hostId: string;
  values: Record<string, string | number | boolean>;
  hostname?: string;
  exposure?: Exposure;
  egress?: Egress;
}

export interface InstallPlan {
  stack: {
    name: string;
    hostId: string;
    egress: Egress;
    gpu: boolean;
    services: { key: string; name: string; image: string; ports: string[] }[];
    plan: StackPlanView;
  };
  route: { hostname: string; exposure: Exposure; service: string; port: number } | null;
  dns: RoutePartPlan[];
  checks: { name: string; type: "http" | "tcp"; target: string }[];
  skippedChecks: { name: string; reason: string }[];
  images: { image: string; present: boolean | null }[];
  /** Password variables that get a random value at install. */
  generated: string[];
}

export interface InstallResult {
  stackId: string;
  rolloutId: string;
  routeId: string | null;
  /** The hostname routed once the rollout succeeds. */
  routePending: string | null;
  checkIds: string[];
}

/** A host the stack can be placed on; connected ones are offered first. */
export interface HostOption {
  id: string;
  name: string;
  online: boolean;
}
