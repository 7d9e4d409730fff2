// The Compose importer: parseCompose (a docker-compose.yml and the stack's .env values into a typed
// ComposeProject, or errors naming the key and the line), parseEnvFile and referencedVariables.
export { parseCompose, type ParseComposeOptions } from "./parse";
export { parseEnvFile, type EnvFileResult, MAX_ENV_FILE_BYTES } from "./env-file";
export { referencedVariables } from "./variables";
export { formatComposeIssue, ComposeIssueSchema, MAX_COMPOSE_ERRORS, type ComposeIssue } from "./issues";
export { MAX_COMPOSE_BYTES } from "./yaml-source";
export { MAX_SERVICES } from "./project";
export {
  ComposeDependencySchema,
  ComposeHealthcheckSchema,
  ComposeMountSchema,
  ComposeNetworkRefSchema,
  ComposeNetworkSchema,
  ComposeParseResultSchema,
  ComposeProjectSchema,
  ComposeRestartSchema,
  ComposeVolumeSchema,
  DependsConditionSchema,
  StackServiceDefSchema,
  type ComposeDependency,
  type ComposeHealthcheck,
  type ComposeMount,
  type ComposeNetworkRef,
  type ComposeParseResult,
  type ComposeProject,
  type DependsCondition,
  type StackServiceDef,
} from "./schemas";
