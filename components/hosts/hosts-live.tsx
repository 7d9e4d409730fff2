// The empty Hosts page on the live stream: the first agent to enroll refreshes the server-rendered
// page, which then shows the list (the list follows its own hosts' events, see hosts-list.tsx).
"use client";

import { useRef } from "react";
import { useRouter } from "next/navigation";
import { useAgentEvents } from "@/components/agents";

export function HostsLive() {
  const router = useRouter();
  const refreshed = useRef(false);
  useAgentEvents({}, (e) => {
    if (e.type === "host/status" && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  });
  return null;
}
