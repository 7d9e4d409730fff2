// On a narrow screen (≤ 640 px) the overview sends signed-in people to /check-in, the view made
// for phones. Decided in the browser from the viewport (matchMedia), never from the user agent,
// so wide screens are unchanged. "Full dashboard" (/?full=1) opts out for the rest of the tab's
// session.
"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

export const PHONE_QUERY = "(max-width: 640px)";
export const FULL_DASHBOARD_KEY = "homeport.fullDashboard";

export function PhoneRedirect() {
  const router = useRouter();
  useEffect(() => {
    const url = new URL(window.location.href);
    try {
      if (url.searchParams.get("full") === "1") {
        window.sessionStorage.setItem(FULL_DASHBOARD_KEY, "1");
        return;
      }
      if (window.sessionStorage.getItem(FULL_DASHBOARD_KEY) === "1") return;
    } catch {
      // storage disabled: fall through to the viewport test
    }
    if (window.matchMedia(PHONE_QUERY).matches) router.replace("/check-in");
  }, [router]);
  return null;
}
