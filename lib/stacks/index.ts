// The stacks domain: Compose projects placed on a host. Parse and check the file (compose/), plan,
// apply level by level through the single-service rollout engine, keep every applied version,
// roll back, start/stop/restart, remove (named volumes only when asked).
export * from "./schemas";
export { createStack, updateStack, getStackOrThrow, listStacks, readStackEnv, listStackVersions, getStackVersion, listStackRollouts, exportStackFile } from "./store";
export { applyStack, planStackApply, type StartedStackRollout } from "./apply";
export { removeStack, stackAction } from "./remove";
export { recoverStackRollouts, INTERRUPTED_MESSAGE } from "./recovery";
export { validateStackFile } from "./validate";
export { loadStack, serviceName, volumeName, networkName } from "./load";
export { stackLogs, stackLogTargets, type StackLogLine } from "./logs";
