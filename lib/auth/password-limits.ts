// Password length limits, in their own module so the zod schemas (imported by browser forms)
// do not pull in node:crypto through password.ts.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
