// The body of a cursor-paginated list inside a card: an error with a retry, placeholders while
// loading, a sentence when nothing matches, otherwise cards on phones, a table from `md` up and the
// "Load more" footer. SearchablePagedList adds the search box and the first-run empty state.
"use client";

import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableRow, type TableColumn } from "@/components/ui/table";
import { ListError } from "./list-error";
import { LoadMore } from "./load-more";
import { NewLink } from "./new-link";
import { SearchInput } from "./search-input";
import { useFilteredPagedList, type Page, type PagedList } from "./use-paged-list";

interface ListDisplay<T> {
  /** Accessible name of the phone list, e.g. "Services". */
  label: string;
  /** Singular and plural, for "Showing 1 service" / "Showing 2 services". */
  nouns: [string, string];
  skeletonRows?: number;
  columns: TableColumn[];
  /** The <td> cells of an item's table row. */
  cells: (item: T) => React.ReactNode;
  /** The content of an item's phone card (an <li>). */
  card: (item: T) => React.ReactNode;
  cardClassName?: string;
}

export function PagedListBody<T extends { id: string }>({
  list,
  emptyText,
  label,
  nouns,
  skeletonRows = 3,
  columns,
  cells,
  card,
  cardClassName,
}: ListDisplay<T> & { list: PagedList<T>; emptyText: React.ReactNode }) {
  if (list.isError) return <ListError error={list.error} onRetry={() => list.refetch()} />;
  if (list.isPending) {
    return (
      <div className="space-y-3 p-5">
        {Array.from({ length: skeletonRows }, (_, i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    );
  }
  const shown = list.items.length;
  if (shown === 0) return <p className="px-5 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">{emptyText}</p>;
  return (
    <>
      <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800" aria-label={label}>
        {list.items.map((item) => (
          <li key={item.id} className={cardClassName}>
            {card(item)}
          </li>
        ))}
      </ul>
      <Table columns={columns} className="hidden md:block">
        {list.items.map((item) => (
          <TableRow key={item.id}>{cells(item)}</TableRow>
        ))}
      </Table>
      <LoadMore shown={shown} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => list.fetchNextPage()} noun={shown === 1 ? nouns[0] : nouns[1]} />
    </>
  );
}

/**
 * The list of one API collection (`/api/v1/<resource>`, cached under `resource`), searched through
 * its `q` parameter. Before anything exists it shows a first-run card that leads to `/<resource>/new`.
 */
export function SearchablePagedList<T extends { id: string }>({
  resource,
  pageSize,
  initial,
  searchPlaceholder,
  firstRun,
  ...display
}: Omit<ListDisplay<T>, "label"> & {
  resource: string;
  pageSize: number;
  initial: Page<T>;
  searchPlaceholder: string;
  firstRun: { icon: React.ReactNode; text: React.ReactNode };
}) {
  const { filter, setFilter, value: q, list } = useFilteredPagedList<T>(resource, `/api/v1/${resource}`, "q", pageSize, initial);
  const [singular, plural] = display.nouns;

  if (list.isSuccess && list.items.length === 0 && q === "" && filter === "") {
    return (
      <Card>
        <EmptyState
          icon={firstRun.icon}
          title={`No ${plural} yet`}
          action={
            <NewLink href={`/${resource}/new`}>Create your first {singular}</NewLink>
          }
        >
          {firstRun.text}
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <SearchInput value={filter} onChange={setFilter} label={`Search ${plural}`} placeholder={searchPlaceholder} />
        {list.isFetching && !list.isFetchingNextPage && <span className="text-xs text-zinc-500">Updating…</span>}
      </div>
      <PagedListBody list={list} emptyText={`No ${plural} match “${q}”.`} label={plural.charAt(0).toUpperCase() + plural.slice(1)} {...display} />
    </Card>
  );
}
