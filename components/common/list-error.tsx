// Shown inside a list card when the list could not be fetched.
"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function ListError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="p-5">
      <Alert tone="error" title="Could not load the list">
        <p>{error instanceof Error ? error.message : "Unknown error"}</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      </Alert>
    </div>
  );
}
