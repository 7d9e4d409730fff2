// Deploy planning shared by the agent and the control plane: spec hashing and rollout plans.
export { specHash, SPEC_HASH_LENGTH } from "./spec-hash";
export { planRollout, type RolloutPlan } from "./plan";
