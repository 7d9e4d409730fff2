// System / light / dark, as three small buttons.
"use client";

import { cn } from "@/components/ui/cn";
import { IconMonitor, IconMoon, IconSun } from "@/components/ui/icons";
import { setTheme, useThemeChoice, type ThemeChoice } from "@/lib/client/theme";

const CHOICES: { value: ThemeChoice; label: string; icon: typeof IconSun }[] = [
  { value: "system", label: "System theme", icon: IconMonitor },
  { value: "light", label: "Light theme", icon: IconSun },
  { value: "dark", label: "Dark theme", icon: IconMoon },
];

export function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <div role="group" aria-label="Theme" className="inline-flex rounded-lg bg-zinc-100 p-0.5 dark:bg-zinc-800">
      {CHOICES.map(({ value, label, icon: Icon }) => (
        <button
          key={value}
          type="button"
          title={label}
          aria-label={label}
          aria-pressed={choice === value}
          onClick={() => setTheme(value)}
          className={cn(
            "rounded-md p-1.5 focus-visible:outline-2 focus-visible:outline-indigo-500",
            choice === value ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-100" : "text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          <Icon className="size-4" />
        </button>
      ))}
    </div>
  );
}
