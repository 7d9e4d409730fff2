// Proving ground → Game days: the one in force, "New game day" (admins) and the history,
// server-rendered first (the layout renders the header and tabs).
import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db";
import { listGameDays } from "@/lib/gamedays";
import { GameDayList } from "@/components/proving/gameday-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Game days" };

export default async function GameDaysPage() {
  await requirePageSession();
  return <GameDayList initial={await listGameDays(getDb())} />;
}
