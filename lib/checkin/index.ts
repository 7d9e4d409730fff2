// The check-in domain: the phone page's one-glance summary of the lab, recording when a user last
// looked, and acknowledging incidents.
export * from "./schemas";
export { checkInSummary, MAX_SECTION_ITEMS, SINCE_LIST_LIMIT, FIRST_CHECKIN_WINDOW_MS, ROUTINE_ACTIONS, type SummaryOptions } from "./summary";
export { markCheckedIn } from "./seen";
export { acknowledgeIncident } from "./acknowledge";
export { verdictOf, sideStatus } from "./verdict";
