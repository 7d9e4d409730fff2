// The browser's one way to call Homeport's API: JSON in and out, the session's CSRF token on
// every mutation, and errors turned into ApiRequestError with the server's code and field issues.
"use client";

import { createContext, useContext, useMemo } from "react";

export interface FieldIssue {
  path: string;
  message: string;
}

/** An error answered by the API (`{ error: { code, message, issues? } }`) or a network failure. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: FieldIssue[] };
}

/** Paths where a 401 is an answer to show, not a sign that the session ended. */
const AUTH_FORMS = ["/api/auth/login", "/api/auth/setup"];

export async function apiRequest<T>(method: Method, path: string, opts: { body?: unknown; csrfToken?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && opts.csrfToken) headers["x-csrf-token"] = opts.csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiRequestError(0, "network", "Homeport could not be reached. Check that the server is running.");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data as ErrorBody | null)?.error;
    if (res.status === 401 && !AUTH_FORMS.includes(path) && typeof window !== "undefined") {
      // The session ended (expired or signed out elsewhere): go to the sign-in page.
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw new ApiRequestError(res.status, e?.code ?? "http_" + res.status, e?.message ?? `Request failed (HTTP ${res.status})`, e?.issues ?? []);
  }
  return data as T;
}

const CsrfContext = createContext<string | undefined>(undefined);
export const CsrfTokenProvider = CsrfContext.Provider;

export interface Api {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del<T = void>(path: string): Promise<T>;
}

/** The API bound to the signed-in session's CSRF token. */
export function useApi(): Api {
  const csrfToken = useContext(CsrfContext);
  return useMemo<Api>(
    () => ({
      get: (path, signal) => apiRequest("GET", path, { signal }),
      post: (path, body) => apiRequest("POST", path, { body: body ?? {}, csrfToken }),
      patch: (path, body) => apiRequest("PATCH", path, { body, csrfToken }),
      del: (path) => apiRequest("DELETE", path, { csrfToken }),
    }),
    [csrfToken],
  );
}

/** A readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return "Something went wrong";
}
