// Image updates (admins): whether Homeport may ask registries for newer images — the one job that
// uses the internet, off by default — and how often. Validated with the same schema as the API.
"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { IMAGE_UPDATES_MAX_HOURS, IMAGE_UPDATES_MIN_HOURS, type Settings } from "@/lib/settings/schemas";
import { useSettingsSave } from "./use-settings-save";

const ENABLED = "imageUpdatesEnabled";
const HOURS = "imageUpdatesIntervalHours";

export function ImageUpdatesSection({ initial }: { initial: Pick<Settings, "imageUpdatesEnabled" | "imageUpdatesIntervalHours"> }) {
  const [enabled, setEnabled] = useState(initial.imageUpdatesEnabled);
  const [hours, setHours] = useState(String(initial.imageUpdatesIntervalHours));
  const [saved, setSaved] = useState(initial);
  const { errors, problem, pending, clearErrors, save: store } = useSettingsSave();
  const dirty = enabled !== saved.imageUpdatesEnabled || hours !== String(saved.imageUpdatesIntervalHours);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void store({ [ENABLED]: enabled, [HOURS]: hours.trim() === "" ? Number.NaN : Number(hours) }, (next) => {
      setSaved(next);
      setEnabled(next.imageUpdatesEnabled);
      setHours(String(next.imageUpdatesIntervalHours));
      return next.imageUpdatesEnabled ? `Homeport checks for newer images every ${next.imageUpdatesIntervalHours} h` : "Image update checks are off: no registry is asked";
    });
  };

  return (
    <Card aria-labelledby="image-updates-title" id="image-updates">
      <CardHeader
        id="image-updates-title"
        title="Image updates"
        description={<>Ask the registries whether the tags your services run name newer images (never pulling). The one job that uses the internet; off until you turn it on. Results are on <Link href="/updates" className="underline">Updates</Link>.</>}
      />
      <CardBody>
        <form onSubmit={save} noValidate className="flex max-w-xl flex-wrap items-end gap-4">
          {problem && <Alert tone="error">{problem}</Alert>}
          <label className="flex w-full items-center gap-2 text-sm font-medium">
            <input
              id={ENABLED}
              type="checkbox"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              className="size-4 rounded border-zinc-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-600 dark:bg-zinc-800"
            />
            Check for newer images
          </label>
          <Field id={HOURS} label="Check every (hours)" hint={`Between ${IMAGE_UPDATES_MIN_HOURS} and ${IMAGE_UPDATES_MAX_HOURS} hours.`} error={errors[HOURS]} className="grow">
            <Input
              id={HOURS}
              type="number"
              inputMode="numeric"
              min={IMAGE_UPDATES_MIN_HOURS}
              max={IMAGE_UPDATES_MAX_HOURS}
              step={1}
              value={hours}
              disabled={!enabled}
              invalid={!!errors[HOURS]}
              aria-describedby={describedBy(HOURS, { hint: true, error: errors[HOURS] })}
              onChange={(e) => {
                setHours(e.target.value);
                clearErrors();
              }}
            />
          </Field>
          <Button type="submit" loading={pending} disabled={!dirty}>
            Save
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
