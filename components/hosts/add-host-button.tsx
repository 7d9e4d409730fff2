// "Add host" on the Hosts page: the enrollment dialog, and a refresh of the server-rendered page
// once the dialog closes (the new host itself appears when its agent connects; see HostsLive).
"use client";

import { useRouter } from "next/navigation";
import { EnrollmentDialog } from "@/components/agents";

export function AddHostButton() {
  const router = useRouter();
  return <EnrollmentDialog onEnrolled={() => router.refresh()} />;
}
