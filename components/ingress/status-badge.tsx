// Status pills for the reverse proxy, its entries and tunnel rules: one word, one colour, and the
// detail as a tooltip (the detail is also printed beside it where there is room).
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  ok: { tone: "success", label: "OK" },
  pending: { tone: "neutral", label: "Not applied" },
  unknown: { tone: "neutral", label: "Unknown" },
  missing: { tone: "warning", label: "Missing" },
  drifted: { tone: "warning", label: "Drifted" },
  upstream_down: { tone: "danger", label: "Upstream down" },
  shadowed: { tone: "warning", label: "Shadowed" },
  rejected: { tone: "danger", label: "Rejected by Caddy" },
  unreachable: { tone: "danger", label: "Caddy unreachable" },
  conflict: { tone: "warning", label: "Changed meanwhile" },
  unresolved: { tone: "warning", label: "No upstream" },
  unverified: { tone: "info", label: "Unverified" },
  unauthorized: { tone: "danger", label: "Credentials refused" },
  rate_limited: { tone: "warning", label: "Rate limited" },
  not_found: { tone: "danger", label: "Tunnel not found" },
  pending_agent: { tone: "info", label: "Waiting for agent" },
  agent_unavailable: { tone: "warning", label: "Agent offline" },
  deploy_failed: { tone: "danger", label: "Deploy failed" },
  error: { tone: "danger", label: "Error" },
};

export function StatusBadge({ status, detail, labels }: { status: string; detail?: string | null; labels?: Partial<Record<string, string>> }) {
  const s = STATUS[status] ?? { tone: "neutral" as const, label: status };
  return (
    <span title={detail ?? undefined}>
      <Badge tone={s.tone}>{labels?.[status] ?? s.label}</Badge>
    </span>
  );
}
