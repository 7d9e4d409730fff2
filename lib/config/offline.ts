// Imported first by server.ts: the libraries Homeport runs on never phone home from this process
// or the processes it starts (the local agent). Prisma's update check and Next's telemetry are
// off whatever the environment says; the user's own endpoints are the only outbound traffic.
process.env.CHECKPOINT_DISABLE = "1";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NPM_CONFIG_UPDATE_NOTIFIER = "false";

export {};
