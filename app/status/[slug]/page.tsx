// /status/<slug>: a published status page, signed out and read-only (outside the signed-in app:
// no session is read or set). Unknown or unpublished slugs are a plain 404; rate-limited per address.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { CLIENT_IP_HEADER, requestMeta } from "@/lib/api/request-meta";
import { checksInMaintenance } from "@/lib/probes/maintenance";
import { getPublicStatus, StatusSlugSchema, takePublicRequest, PUBLIC_CACHE_MS } from "@/lib/status-pages";
import { PublicStatusView } from "@/components/status-page/public-status";

export const dynamic = "force-dynamic";

async function load(raw: string) {
  const slug = StatusSlugSchema.safeParse(raw);
  if (!slug.success) notFound();
  const db = getDb();
  return getPublicStatus(db, slug.data, (checks) => checksInMaintenance(db, checks));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const status = await load((await params).slug);
  return { title: { absolute: status ? `${status.title} · Status` : "Not found" }, robots: { index: false } };
}

export default async function StatusPage({ params }: { params: Promise<{ slug: string }> }) {
  const h = await headers();
  // The address as the API routes see it (server.ts's client header, or the trusted proxy's).
  const forwarded = [CLIENT_IP_HEADER, "x-forwarded-for", "x-forwarded-proto"].flatMap((k) => { const v = h.get(k); return v === null ? [] : [[k, v] as [string, string]]; });
  const wait = takePublicRequest(requestMeta(new Request("http://status.invalid/", { headers: forwarded })).ip);
  if (wait > 0) {
    return (
      <main className="mx-auto max-w-xl px-4 py-16 text-center text-zinc-700 dark:text-zinc-300">
        <h1 className="text-xl font-semibold">Too many requests</h1>
        <p className="mt-2 text-sm">Try again in {Math.ceil(wait / 1000)} s. This page refreshes every {PUBLIC_CACHE_MS / 1000} s at most.</p>
      </main>
    );
  }
  const status = await load((await params).slug);
  if (!status) notFound();
  return <PublicStatusView status={status} />;
}
