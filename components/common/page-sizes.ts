// Rows per page of each list. Kept out of the "use client" list modules so that server pages
// can read them as plain numbers.
export const SERVICES_PAGE_SIZE = 25;
export const ROUTES_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 50;
