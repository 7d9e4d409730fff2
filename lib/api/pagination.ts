// Pagination lives with the database (lib/db/pagination.ts); the API layer uses it from here.
export * from "@/lib/db/pagination";
