// Keyset pagination shared by every list: `?limit=&cursor=` in, `{ items, nextCursor }` out (lib/api
// re-exports it for the handlers and the OpenAPI document).
import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)
    .describe(`Items per page (1-${MAX_PAGE_SIZE})`),
  cursor: z.string().min(1).max(64).optional().describe("Opaque cursor from the previous page's nextCursor"),
});

export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Given `limit + 1` rows fetched after the cursor, returns one page and the next cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? (items[items.length - 1]?.id ?? null) : null };
}

export interface PageArgs {
  take: number;
  skip?: number;
  cursor?: { id: string };
}

/** Prisma findMany arguments for a keyset page over a unique `id`. */
export function pageArgs(q: PageQuery): PageArgs {
  return q.cursor ? { take: q.limit + 1, skip: 1, cursor: { id: q.cursor } } : { take: q.limit + 1 };
}

/**
 * One page of a list: `find` runs the query with the page's findMany arguments spread in
 * (`{ where, orderBy, ...args }`), and each row of the page is turned into its view.
 */
export async function findPage<R extends { id: string }, V>(q: PageQuery, find: (args: PageArgs) => Promise<R[]>, toView: (row: R) => V): Promise<Page<V>> {
  const page = toPage(await find(pageArgs(q)), q.limit);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
