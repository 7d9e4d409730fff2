// The auth domain: accounts, sessions, API tokens, CSRF, throttling, TOTP, revocation.
export * from "./schemas";
export * from "./accounts";
export * from "./context";
export { SESSION_COOKIE, createSession, resolveSession, revokeSession, revokeAllSessions, pruneExpiredSessions, type SessionInfo } from "./sessions";
export { createApiToken, verifyApiToken, hasScope, parseScopes } from "./api-tokens";
export { ensureSetupCode, checkSetupCode, SETUP_CODE_FILE } from "./setup-code";
export { sealSecret, openSecret } from "./secret-box";
export { listApiTokens, revokeApiToken, issueApiToken } from "./token-admin";
export { listUsers, createUser, changeUserRole, resetUserPassword, resetUserTotp, deleteUser, type UserAdminActor } from "./users";
export { watchCredential, getCredentialWatcher, CREDENTIAL_RECHECK_MS, type CredentialEnd } from "./credential-watch";
export { announceRevocation, onRevocation, type Revocation } from "./revocation";
export { assertAddressAllowed, getAddressThrottle, tooManyAttempts, type UnauthenticatedEndpoint } from "./address-throttle";
export { refuseUnauthenticated, agentConnectRetryAfterMs, recordRefusedAgentConnection } from "./refusals";
export { pruneLoginThrottle } from "./rate-limit";
export { scheduleAuthHousekeeping } from "./housekeeping";
