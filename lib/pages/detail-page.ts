// For server components: detail pages such as /routes/[id] load one record by the id in the URL
// and show Next's 404 page when the id is malformed or nothing has it.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DomainError } from "@/lib/errors";
import { getPageSession } from "@/lib/auth/page-session";
import { getDb, type Db } from "@/lib/db";
import { IdParamSchema } from "@/lib/inventory/schemas";

/** Runs `load`; an DomainError "not_found" becomes the 404 page, other errors pass through. */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") notFound();
    throw err;
  }
}

/** A loader by URL id with one lookup per request, shared by generateMetadata and the page (React cache). */
export function detailLoader<T>(load: (db: Db, id: string) => Promise<T>): (id: string) => Promise<T> {
  return cache(async (id: string) => {
    if (!IdParamSchema.safeParse(id).success) notFound();
    return loadOrNotFound(() => load(getDb(), id));
  });
}

/** generateMetadata of a detail page: the record's name as the title, `fallback` for signed-out visitors. */
export function detailMetadata<T>(fallback: string, load: (id: string) => Promise<T>, title: (record: T) => string) {
  return async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
    // Names are not for signed-out visitors (the layout redirects them, but metadata resolves on its own).
    if (!(await getPageSession())) return { title: fallback };
    const { id } = await params;
    return { title: title(await load(id)) };
  };
}
