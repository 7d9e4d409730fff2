// HTTP plumbing for route handlers: wrappers, body and query parsing, errors, pagination.
export * from "./errors";
export * from "./handler";
export * from "./pagination";
export * from "./request-meta";
export { readJsonBody, readTextBody, MAX_JSON_BODY_BYTES } from "./body";
