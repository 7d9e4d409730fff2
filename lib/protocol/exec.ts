// Container console (exec with a TTY) and full inspect over the agent protocol: the control plane's
// requests (start, input, resize, close, describe) and the agent's pushed output and exit events.
import { z } from "zod";

/** Terminal output and input travel base64-encoded; one frame carries at most this many raw bytes. */
export const MAX_EXEC_CHUNK_BYTES = 16 * 1024;
/** Concurrent console sessions one agent runs (it refuses more with `rate_limited`). */
export const MAX_EXEC_SESSIONS_PER_AGENT = 4;
/** Output bytes per second one session may push; above it the agent stops reading the process. */
export const MAX_EXEC_OUTPUT_BYTES_PER_S = 256 * 1024;

const ContainerId = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/);
export const ExecSessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "an exec session id");
const Base64 = z.string().max(Math.ceil(MAX_EXEC_CHUNK_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64");
export const TermSizeSchema = z.object({ cols: z.number().int().min(2).max(500), rows: z.number().int().min(2).max(200) });

/** The command a console runs: an argv, no shell expansion by Homeport. */
export const ExecCommandSchema = z.array(z.string().min(1).max(256).refine((s) => !s.includes("\0"), "no NUL")).min(1).max(16);
/** A user inside the container: a name, uid or uid:gid. */
export const ExecUserSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$/, "a user name or uid[:gid]");

const PortSchema = z.object({ container: z.string().max(32), host: z.string().max(64).nullable() });
const MountSchema = z.object({
  type: z.string().max(32),
  source: z.string().max(4096),
  destination: z.string().max(4096),
  mode: z.string().max(64),
  readOnly: z.boolean(),
});
const NetworkSchema = z.object({ name: z.string().max(255), ipAddress: z.string().max(64), gateway: z.string().max(64), aliases: z.array(z.string().max(255)).max(64) });

/** What `container/describe` returns: Docker's inspect, in the fields the inspect view shows. */
export const ContainerDescriptionSchema = z.object({
  id: z.string().max(128),
  name: z.string().max(255),
  image: z.string().max(512),
  imageId: z.string().max(128),
  createdAt: z.string().max(64),
  state: z.object({
    status: z.string().max(32),
    running: z.boolean(),
    exitCode: z.number().int(),
    startedAt: z.string().max(64),
    finishedAt: z.string().max(64),
    health: z.string().max(32).nullable(),
    oomKilled: z.boolean(),
    pid: z.number().int(),
  }),
  restartCount: z.number().int(),
  config: z.object({
    entrypoint: z.array(z.string().max(4096)).max(256),
    cmd: z.array(z.string().max(4096)).max(256),
    workingDir: z.string().max(4096),
    user: z.string().max(128),
    hostname: z.string().max(255),
    tty: z.boolean(),
    labels: z.record(z.string().max(1024), z.string().max(4096)),
    /** `NAME=value` entries as the container has them; the control plane masks values. */
    env: z.array(z.string().max(16 * 1024)).max(1024),
  }),
  hostConfig: z.object({
    restartPolicy: z.string().max(64),
    networkMode: z.string().max(255),
    privileged: z.boolean(),
    readonlyRootfs: z.boolean(),
    memoryBytes: z.number(),
    nanoCpus: z.number(),
    capAdd: z.array(z.string().max(64)).max(64),
    capDrop: z.array(z.string().max(64)).max(64),
  }),
  mounts: z.array(MountSchema).max(256),
  networks: z.array(NetworkSchema).max(64),
  ports: z.array(PortSchema).max(512),
});
export type ContainerDescription = z.infer<typeof ContainerDescriptionSchema>;

export const InspectRequests = {
  /** Read: the container's inspect data (values of its env included: only the control plane shows them). */
  "container/describe": { params: z.object({ containerId: ContainerId }), result: ContainerDescriptionSchema },
} as const;

export const ExecRequests = {
  /**
   * Opens a console. `capability: "exec"` states the control plane asks for a shell on purpose;
   * the agent refuses when its host policy forbids exec (`policy_denied`).
   */
  "exec/start": {
    params: TermSizeSchema.extend({
      sessionId: ExecSessionIdSchema,
      containerId: ContainerId,
      capability: z.literal("exec"),
      command: ExecCommandSchema,
      user: ExecUserSchema.optional(),
    }),
    result: z.object({ sessionId: ExecSessionIdSchema, execId: z.string().max(128) }),
  },
  "exec/input": { params: z.object({ sessionId: ExecSessionIdSchema, data: Base64 }), result: z.object({}) },
  "exec/resize": { params: TermSizeSchema.extend({ sessionId: ExecSessionIdSchema }), result: z.object({}) },
  /** Ends a session: the exec's process is killed (not just its stream closed). */
  "exec/close": { params: z.object({ sessionId: ExecSessionIdSchema }), result: z.object({ killed: z.boolean() }) },
} as const;

export const ExecEvents = {
  "exec/output": z.object({ sessionId: ExecSessionIdSchema, data: Base64 }),
  "exec/exit": z.object({
    sessionId: ExecSessionIdSchema,
    exitCode: z.number().int().nullable(),
    reason: z.enum(["exited", "killed", "idle", "max_duration", "error"]),
    message: z.string().max(1024).optional(),
  }),
} as const;

// ── browser-facing shapes (the API and the console page) ──

/** POST /services/:id/exec: what to run and the terminal's size. */
export const ConsoleOpenSchema = TermSizeSchema.extend({
  command: ExecCommandSchema.default(["/bin/sh"]).describe("argv run in the container, /bin/sh by default"),
  user: ExecUserSchema.optional().describe("user inside the container (name, uid or uid:gid); the image's default when absent"),
});
export type ConsoleOpenInput = z.infer<typeof ConsoleOpenSchema>;

export const ConsoleTicketSchema = z.object({
  ticket: z.string().describe("single use, valid for 30 s, only for the session or token that asked"),
  path: z.string().describe("WebSocket path; connect with ?ticket=…&csrf=<session CSRF token>"),
  expiresAt: z.string(),
});
export type ConsoleTicket = z.infer<typeof ConsoleTicketSchema>;

/** One env entry as the inspect view shows it: the value only for admins, never for secret-looking names. */
export const EnvEntrySchema = z.object({ name: z.string(), value: z.string().nullable(), masked: z.boolean() });
export type EnvEntry = z.infer<typeof EnvEntrySchema>;

export const ContainerInspectViewSchema = ContainerDescriptionSchema.extend({
  config: ContainerDescriptionSchema.shape.config.extend({ env: z.array(EnvEntrySchema) }),
  hostId: z.string(),
  valuesShown: z.boolean().describe("false: the caller is not an admin and sees env names only"),
});
export type ContainerInspectView = z.infer<typeof ContainerInspectViewSchema>;
