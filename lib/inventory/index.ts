// The inventory domain: services and hosts (routes live in lib/routes).
export * from "./schemas";
export * from "./names";
export * from "./services";
export * from "./hosts";
export * from "./rows";
export * from "./service-state";
export { hostAllowsGpu, withGpu, GPU_POLICY_HINT } from "./runtime-gpu";
