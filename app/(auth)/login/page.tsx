import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { needsSetup } from "@/lib/auth/accounts";
import { getPageSession } from "@/lib/auth/page-session";
import { LoginForm } from "@/components/auth/login-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await needsSetup(getDb())) redirect("/setup");
  const { next } = await searchParams;
  // Only same-site paths: never "//host" or a full URL.
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  if (await getPageSession()) redirect(target);
  return <LoginForm next={target} />;
}
