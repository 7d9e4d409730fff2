// Public status pages: admin-managed pages that publish check groups at /status/<slug>, signed out.
export * from "./schemas";
export { listStatusPages, getStatusPageOrThrow, createStatusPage, updateStatusPage, deleteStatusPage } from "./pages";
export { getPublicStatus, forgetPublicStatus, PUBLIC_CACHE_MS, segmentOf, overallOf } from "./public";
export { takePublicRequest, PUBLIC_BURST } from "./throttle";
