// The app's main sections, in sidebar order.
import { IconActivity, IconAlert, IconBox, IconCheck, IconGlobe, IconList, IconOverview, IconRoute, IconServer, IconSettings, IconShield } from "@/components/ui/icons";
import { IconStack } from "@/components/stacks/stack-icon";
import { IconGrid } from "@/components/catalog/app-icon";
import { IconUpdate } from "@/components/updates/update-icon";
import { IconTarget } from "@/components/proving/proving-icon";

export const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: IconOverview },
  { href: "/check-in", label: "Check-in", icon: IconCheck },
  { href: "/services", label: "Services", icon: IconBox },
  { href: "/stacks", label: "Stacks", icon: IconStack },
  { href: "/catalog", label: "Catalog", icon: IconGrid },
  { href: "/updates", label: "Updates", icon: IconUpdate },
  { href: "/routes", label: "Routes", icon: IconRoute },
  { href: "/hosts", label: "Hosts", icon: IconServer },
  { href: "/reachability", label: "Reachability", icon: IconActivity },
  { href: "/dns", label: "DNS", icon: IconGlobe },
  { href: "/ingress", label: "Ingress", icon: IconShield },
  { href: "/drill", label: "Drill", icon: IconAlert },
  { href: "/proving", label: "Proving ground", icon: IconTarget },
  { href: "/audit", label: "Audit log", icon: IconList },
  { href: "/settings", label: "Settings", icon: IconSettings },
] as const;

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(href + "/");
}
