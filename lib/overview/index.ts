// The overview domain: what needs attention first, the first-run checklist and the lab's summary.
export * from "./schemas";
export { getOverview, RECENT_EVENTS, PROBLEM_ROWS, type OverviewOptions } from "./query";
export { buildAttention, allClear, containerProblem, ATTENTION_LIMIT, type AttentionFacts } from "./attention";
export { buildChecklist, type ChecklistFacts } from "./checklist";
export { routePrerequisites, type RoutePrerequisites } from "./prerequisites";
