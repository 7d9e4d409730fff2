// A StackRollout row as the API shows it (its steps JSON parsed once, with a schema).
import { z } from "zod";
import { RolloutStepSchema, type StackRolloutView } from "./schemas";

const StepsColumn = z.array(RolloutStepSchema);

export interface StackRolloutRow {
  id: string;
  stackId: string;
  version: number;
  status: string;
  steps: string;
  error: string | null;
  actorName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function stackRolloutView(r: StackRolloutRow): StackRolloutView {
  let steps: StackRolloutView["steps"] = [];
  try {
    steps = StepsColumn.parse(JSON.parse(r.steps));
  } catch {
    steps = []; // a damaged column shows as no steps rather than failing the page
  }
  const status = r.status === "succeeded" || r.status === "failed" ? r.status : "running";
  return { id: r.id, stackId: r.stackId, version: r.version, status, steps, error: r.error, actorName: r.actorName, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null };
}
