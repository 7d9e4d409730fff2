// The push (heartbeat URL) check's editor: nothing to probe, only how late a call may be. The
// secret URL itself is made on the check's page once the check exists (PushUrlPanel).
"use client";

import { MAX_PUSH_GRACE_SEC } from "@/lib/probes/engine/schemas";
import { NumberField, num, str } from "./controls";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export type PushModel = { graceSec: string };

function PushFields({ model, errors, update, readOnly = false }: CheckEditorProps<PushModel>) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A cron job, backup script or device calls a secret URL; the check goes down when no call arrives within the interval plus the grace below (or a call says <code className="font-mono">status=down</code>). The URL is shown once on the check’s page after you save.
      </p>
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        <NumberField id="check-push-grace" label="Grace (s)" min={0} max={MAX_PUSH_GRACE_SEC} value={model.graceSec} disabled={readOnly} error={errors["target.graceSec"]} hint="Lateness tolerated after the interval." onChange={(graceSec) => update({ graceSec })} />
      </div>
    </div>
  );
}

export const pushEditor = defineCheckEditor<"push", PushModel>({
  kind: "push",
  label: "Push",
  types: ["push"],
  defaults: { graceSec: "30" },
  errorPaths: { graceSec: ["target.graceSec"] },
  fromTarget: (t) => ({ graceSec: str(t.graceSec, "30") }),
  toSpec: (m) => ({ type: "push", target: { graceSec: num(m.graceSec) } }),
  refusal: () => null,
  Fields: PushFields,
  example: { graceSec: "60" },
});
