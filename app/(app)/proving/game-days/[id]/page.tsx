// Proving ground → one game day: the prediction next to reality, the timeline, recovery times; an
// unknown id is the 404 page.
import { requirePageSession } from "@/lib/auth/page-session";
import type { Db } from "@/lib/db";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getGameDay } from "@/lib/gamedays";
import { GameDayDetail } from "@/components/proving/gameday-detail";

export const dynamic = "force-dynamic";

const loadGameDay = detailLoader((db: Db, id: string) => getGameDay(db, id));
export const generateMetadata = detailMetadata("Game day", loadGameDay, (g) => `Game day: ${g.title}`);

export default async function GameDayPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  return <GameDayDetail initial={await loadGameDay(id)} />;
}
