// `file/write`: the one allowlisted file write an agent performs. It writes only below its own
// managed directory (<state dir>/files), by a relative path; the agent answers with the absolute
// host path (for bind mounts) and the content's SHA-256. No reads, no deletes, no other places.
import { z } from "zod";

/** The managed directory's name inside the agent's state directory. */
export const MANAGED_FILES_DIR = "files";
/** Largest file content accepted (UTF-8 bytes); config files, certificates and credentials fit. */
export const MAX_MANAGED_FILE_BYTES = 64 * 1024;
/** Modes a managed file may have: owner-only by default, group/world-readable for non-secrets. */
export const MANAGED_FILE_MODES = [0o600, 0o640, 0o644] as const;

/**
 * A path relative to the managed directory: segments of letters, digits, `_`, `.` and `-` that do
 * not start with a dot, joined by `/`. So no absolute paths, no `.`/`..`, no empty segments and
 * no hidden files (the agent's temp files are hidden). Symlinks are refused by the agent itself.
 */
export const ManagedFilePathSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*){0,7}$/, "a relative path below the agent's managed directory (no leading /, no . or .. segments)");

export const FileWriteRequest = {
  params: z.object({
    path: ManagedFilePathSchema.describe("relative to <agent state dir>/files"),
    content: z
      .string()
      .refine((s) => new TextEncoder().encode(s).length <= MAX_MANAGED_FILE_BYTES, `at most ${MAX_MANAGED_FILE_BYTES} bytes`)
      .describe("UTF-8 text; may be secret (never logged by either side)"),
    mode: z.union([z.literal(MANAGED_FILE_MODES[0]), z.literal(MANAGED_FILE_MODES[1]), z.literal(MANAGED_FILE_MODES[2])]).default(0o600),
    ownerUid: z.number().int().min(0).max(2 ** 31 - 1).optional().describe("numeric owner, so a container's non-root user can read it"),
  }),
  result: z.object({
    path: z.string().max(4096).describe("absolute path on the agent's host"),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    bytes: z.number().int().nonnegative(),
    changed: z.boolean().describe("false when the file already had this content, mode and owner"),
  }),
};
