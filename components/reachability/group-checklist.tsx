// Checkboxes for choosing check groups (a maintenance window's scope, a status page's groups).
"use client";

export function GroupChecklist({ groups, chosen, onChange }: { groups: string[]; chosen: string[]; onChange: (next: string[]) => void }) {
  return (
    <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
      {groups.map((g) => (
        <label key={g} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={chosen.includes(g)} onChange={(e) => onChange(e.target.checked ? [...chosen, g] : chosen.filter((x) => x !== g))} />
          {g}
        </label>
      ))}
    </div>
  );
}
