// /check-in: the phone-first view of the whole lab (also the default page on small screens).
// The server renders only the frame: the data comes from /api/v1/checkin in the browser, so the
// shell the service worker keeps holds no lab state that could pass for live.
import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { CheckInView } from "@/components/checkin/checkin-view";

export const metadata: Metadata = { title: "Check-in" };

export default async function CheckInPage() {
  const session = await requirePageSession();
  return <CheckInView username={session.username} />;
}
