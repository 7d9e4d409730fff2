// Tags and group of a service (lists filter by them, status pages group by them): edited in place,
// checked with the API's own schemas before saving.
"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useCan } from "@/components/auth/role-context";
import { errorMessage, useApi } from "@/lib/client/api";
import { GroupNameSchema, TagsSchema } from "@/lib/inventory/names";

export function ServiceLabelsEditor({ id, tags, groupName, readOnly }: { id: string; tags: string[]; groupName: string | null; readOnly: boolean }) {
  const canWrite = useCan("write") && !readOnly;
  const api = useApi();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [tagText, setTagText] = useState(tags.join(", "));
  const [group, setGroup] = useState(groupName ?? "");
  const [errors, setErrors] = useState<{ tags?: string; group?: string }>({});
  const save = useMutation({
    mutationFn: (body: { tags: string[]; groupName: string | null }) => api.patch(`/api/v1/services/${id}`, body),
    onSuccess: () => {
      setEditing(false);
      router.refresh();
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const t = TagsSchema.safeParse(tagText.split(/[,\s]+/).filter(Boolean));
    const g = GroupNameSchema.safeParse(group);
    setErrors({ tags: t.success ? undefined : t.error.issues[0]?.message, group: g.success ? undefined : g.error.issues[0]?.message });
    if (t.success && g.success) save.mutate({ tags: t.data, groupName: g.data });
  };

  if (!editing) {
    return (
      <div className="flex flex-wrap items-center gap-1.5" data-testid="service-labels">
        {groupName && <Badge tone="accent">{groupName}</Badge>}
        {tags.map((t) => <Badge key={t}>#{t}</Badge>)}
        {!groupName && tags.length === 0 && <span className="text-zinc-500 dark:text-zinc-400">None</span>}
        {canWrite && <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>Edit</Button>}
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
      <label className="block text-xs">
        <span className="font-medium">Tags (comma-separated)</span>
        <Input value={tagText} onChange={(e) => setTagText(e.target.value)} placeholder="media, nas" invalid={!!errors.tags} aria-describedby={errors.tags ? "tags-error" : undefined} autoFocus />
        {errors.tags && <span id="tags-error" className="mt-1 block text-red-600 dark:text-red-400">{errors.tags}</span>}
      </label>
      <label className="block text-xs">
        <span className="font-medium">Group</span>
        <Input value={group} onChange={(e) => setGroup(e.target.value)} placeholder="Media" invalid={!!errors.group} aria-describedby={errors.group ? "group-error" : undefined} />
        {errors.group && <span id="group-error" className="mt-1 block text-red-600 dark:text-red-400">{errors.group}</span>}
      </label>
      <div className="flex gap-2 sm:mt-4">
        <Button size="sm" type="submit" loading={save.isPending}>Save</Button>
        <Button size="sm" variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
      </div>
      {save.error && <p role="alert" className="text-xs text-red-600 sm:col-span-3 dark:text-red-400">{errorMessage(save.error)}</p>}
    </form>
  );
}
