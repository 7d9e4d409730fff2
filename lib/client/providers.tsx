// Client-side context for signed-in pages: React Query, the CSRF token and toasts.
"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { CsrfTokenProvider } from "./api";
import { ToastProvider } from "@/components/ui/toast";

const STALE_MS = 15_000;

export function AppProviders({ csrfToken, children }: { csrfToken?: string; children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: STALE_MS, retry: 1, refetchOnWindowFocus: true },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <CsrfTokenProvider value={csrfToken}>
        <ToastProvider>{children}</ToastProvider>
      </CsrfTokenProvider>
    </QueryClientProvider>
  );
}
