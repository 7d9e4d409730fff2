// The update job's state, worded for people: off (and what that guarantees), the last run's
// failures (registry unreachable: nothing changed), or when it last ran and runs next.
"use client";

import Link from "next/link";
import type { UpdateJob } from "@/lib/images/update-schemas";
import { Alert } from "@/components/ui/alert";
import { Time } from "@/components/ui/time";

const CLASS_WORDS: Record<UpdateJob["lastRunErrors"][number]["errorClass"], string> = {
  unreachable: "Registry unreachable",
  unauthorized: "Registry refused anonymous access",
  not_found: "Tag not found",
  error: "Registry answered with an error",
};

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function JobState({ job, inBrowser }: { job: UpdateJob; inBrowser: boolean }) {
  if (!job.enabled) {
    return (
      <Alert tone="info" title="Off — Homeport never asks registries until you turn this on">
        Updates are the one job that uses the internet. Turn the check on in{" "}
        <Link href="/settings#image-updates" className="font-medium underline">Settings</Link>; until then nothing here is sent anywhere.
      </Alert>
    );
  }
  const errors = job.lastRunErrors;
  if (job.lastRunAt && errors.length > 0) {
    const classes = [...new Set(errors.map((e) => e.errorClass))];
    const at = inBrowser ? clock(job.lastRunAt) : job.lastRunAt.slice(11, 16);
    const title = classes.length === 1 ? `${CLASS_WORDS[classes[0]!]} at ${at}: nothing changed` : `${errors.length} of ${job.lastRunTags} tags could not be checked at ${at}: nothing changed`;
    return (
      <Alert tone="warning" title={title}>
        <p>The last known digests stay; services keep running what they run.</p>
        <ul className="mt-2 space-y-1">
          {errors.map((e) => (
            <li key={e.tag} className="break-all">
              <code className="font-mono text-xs">{e.tag}</code>: {e.message ?? CLASS_WORDS[e.errorClass]}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      On: checks every {job.intervalHours} h{job.lastRunAt && <>; last checked <Time iso={job.lastRunAt} /> ({job.lastRunTags} tag{job.lastRunTags === 1 ? "" : "s"})</>}
      {job.nextRunAt && <>; next <Time iso={job.nextRunAt} /></>}.
    </p>
  );
}
