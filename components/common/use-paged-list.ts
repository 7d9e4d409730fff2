// Cursor-paginated lists from the REST API with "Load more": the server-rendered first page
// seeds the cache so the list shows at once, then React Query keeps it fresh.
"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "@/lib/client/api";
import { useDebounced } from "@/lib/client/use-debounced";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function usePagedList<T>(key: string, path: string, params: Record<string, string | undefined>, pageSize: number, initial?: Page<T>) {
  const api = useApi();
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  const query = useInfiniteQuery({
    queryKey: [key, clean],
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams({ ...clean, limit: String(pageSize), ...(pageParam ? { cursor: pageParam } : {}) });
      return api.get<Page<T>>(`${path}?${qs}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial ? { pages: [initial], pageParams: [null] } : undefined,
    placeholderData: (prev) => prev,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

export type PagedList<T> = ReturnType<typeof usePagedList<T>>;

/**
 * A paged list narrowed by one text filter sent as the query parameter `param`. `filter` follows
 * the input; `value` is the trimmed, debounced text the list is fetched with. The server-rendered
 * first page seeds only the unfiltered list.
 */
export function useFilteredPagedList<T>(key: string, path: string, param: string, pageSize: number, initial: Page<T>) {
  const [filter, setFilter] = useState("");
  const value = useDebounced(filter.trim());
  const list = usePagedList<T>(key, path, { [param]: value }, pageSize, value === "" ? initial : undefined);
  return { filter, setFilter, value, list };
}
