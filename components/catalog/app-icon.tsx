// An app's icon: its template's SVG (served sanitised by the catalog API), or a monogram when it has none.
import { cn } from "@/components/ui/cn";

export function AppIcon({ app, className }: { app: { id: string; name: string; hasIcon: boolean }; className?: string }) {
  const box = cn("size-10 shrink-0 rounded-lg", className);
  if (app.hasIcon) {
    // Decorative: the app's name is always written beside it.
    return <img src={`/api/v1/catalog/${encodeURIComponent(app.id)}/icon`} alt="" width={40} height={40} className={cn(box, "bg-white object-contain p-1 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:ring-zinc-700")} data-testid="app-icon" />;
  }
  return (
    <span aria-hidden="true" className={cn(box, "flex items-center justify-center bg-indigo-50 text-base font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300")} data-testid="app-monogram">
      {app.name.charAt(0).toUpperCase()}
    </span>
  );
}

/** The catalog's own icon (the nav entry): four tiles. */
export function IconGrid({ className = "size-5" }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <rect x="3.5" y="3.5" width="7" height="7" rx="1.5" />
      <rect x="13.5" y="3.5" width="7" height="7" rx="1.5" />
      <rect x="3.5" y="13.5" width="7" height="7" rx="1.5" />
      <rect x="13.5" y="13.5" width="7" height="7" rx="1.5" />
    </svg>
  );
}
