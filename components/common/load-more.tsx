// The footer of a paginated list: how many are shown and a "Load more" button.
"use client";

import { Button } from "@/components/ui/button";

export function LoadMore({ shown, hasMore, loading, onLoad, noun }: { shown: number; hasMore: boolean; loading: boolean; onLoad: () => void; noun: string }) {
  if (shown === 0) return null;
  return (
    <div className="flex items-center justify-between gap-4 border-t border-zinc-200 px-5 py-3 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      <span>
        Showing {shown} {noun}
        {hasMore ? "" : " — that is all"}
      </span>
      {hasMore && (
        <Button variant="secondary" size="sm" onClick={onLoad} loading={loading}>
          Load more
        </Button>
      )}
    </div>
  );
}
