// The auth domain: accounts, sessions, API tokens, CSRF, throttling, TOTP.
export * from "./schemas";
export * from "./accounts";
export * from "./context";
export { SESSION_COOKIE, createSession, resolveSession, revokeSession, revokeAllSessions, pruneExpiredSessions, type SessionInfo } from "./sessions";
export { createApiToken, verifyApiToken, hasScope, parseScopes } from "./api-tokens";
export { ensureSetupCode, checkSetupCode, SETUP_CODE_FILE } from "./setup-code";
export { sealSecret, openSecret } from "./secret-box";
export { listApiTokens, revokeApiToken, issueApiToken } from "./token-admin";
