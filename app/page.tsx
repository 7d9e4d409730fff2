import { requirePageSession } from "@/lib/auth/page-session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const s = await requirePageSession();
  return <main>Signed in as {s.username}</main>;
}
