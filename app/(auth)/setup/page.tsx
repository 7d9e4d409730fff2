import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { needsSetup, SETUP_CODE_FILE } from "@/lib/auth";
import { getPageSession } from "@/lib/auth/page-session";
import { SetupForm } from "@/components/auth/setup-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up Homeport" };

export default async function SetupPage() {
  if (!(await needsSetup(getDb()))) redirect((await getPageSession()) ? "/" : "/login");
  return <SetupForm codeFile={`${getConfig().dataDir}/${SETUP_CODE_FILE}`} />;
}
