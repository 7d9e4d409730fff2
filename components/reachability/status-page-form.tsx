// Create or change a public status page (admin only): address, title, description, which check
// groups it shows, and whether it is published. Errors are shown beside their fields.
"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea, describedBy } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";
import { StatusPageInputSchema, type StatusPageView } from "@/lib/status-pages/schemas";
import { GroupChecklist } from "./group-checklist";

export function StatusPageForm({ page, groups, onDone }: { page?: StatusPageView; groups: string[]; onDone?: () => void }) {
  const api = useApi();
  const router = useRouter();
  const toast = useToast();
  const prefix = page ? `sp-${page.id}` : "sp-new";
  const [slug, setSlug] = useState(page?.slug ?? "");
  const [title, setTitle] = useState(page?.title ?? "");
  const [description, setDescription] = useState(page?.description ?? "");
  const [chosen, setChosen] = useState<string[]>(page?.groups ?? []);
  const [published, setPublished] = useState(page?.published ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const allGroups = [...new Set([...groups, ...chosen])].sort((a, b) => a.localeCompare(b));

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setProblem(null);
    const parsed = StatusPageInputSchema.safeParse({ slug, title, description, groups: chosen, published });
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      if (page) await api.patch(`/api/v1/status-pages/${page.id}`, parsed.data);
      else await api.post("/api/v1/status-pages", parsed.data);
      toast(page ? `Saved /status/${parsed.data.slug}` : `Published /status/${parsed.data.slug}`);
      if (!page) {
        setSlug("");
        setTitle("");
        setDescription("");
        setChosen([]);
      }
      onDone?.();
      router.refresh();
    } catch (err) {
      if (err instanceof ApiRequestError && err.issues.length) setErrors(issuesToErrors(err.issues));
      setProblem(err instanceof Error ? err.message : "Saving failed");
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={page ? `Edit status page ${page.slug}` : "New status page"}>
      {problem && <Alert tone="error" title="Not saved">{problem}</Alert>}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id={`${prefix}-slug`} label="Address" hint={`/status/${slug || "…"}`} error={errors.slug}>
          <Input id={`${prefix}-slug`} autoComplete="off" value={slug} invalid={!!errors.slug} aria-describedby={describedBy(`${prefix}-slug`, { hint: true, error: errors.slug })} onChange={(e) => setSlug(e.target.value.toLowerCase())} placeholder="home" />
        </Field>
        <Field id={`${prefix}-title`} label="Title" error={errors.title}>
          <Input id={`${prefix}-title`} autoComplete="off" value={title} invalid={!!errors.title} aria-describedby={describedBy(`${prefix}-title`, { error: errors.title })} onChange={(e) => setTitle(e.target.value)} placeholder="Family services" />
        </Field>
      </div>
      <Field id={`${prefix}-description`} label="Description" optional error={errors.description}>
        <Textarea id={`${prefix}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <fieldset aria-describedby={errors.groups ? `${prefix}-groups-error` : undefined}>
        <legend className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Check groups shown</legend>
        {allGroups.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">No check has a group yet: give checks a group in their form first.</p>
        ) : (
          <GroupChecklist groups={allGroups} chosen={chosen} onChange={setChosen} />
        )}
        {errors.groups && <p id={`${prefix}-groups-error`} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors.groups}</p>}
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" className="size-4 accent-indigo-600" checked={published} onChange={(e) => setPublished(e.target.checked)} />
        Published (anyone with the address can see it, without signing in)
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Shown: each check&apos;s name, state, uptime and history. Never shown: targets, addresses, errors, vantage points or tags.</p>
      <Button type="submit" loading={pending}>{page ? "Save" : "Create status page"}</Button>
    </form>
  );
}
