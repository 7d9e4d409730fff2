// The inventory domain: services, routes and hosts.
export * from "./schemas";
export * from "./names";
export * from "./services";
export * from "./routes";
export * from "./hosts";
export * from "./rows";
export * from "./overview";
