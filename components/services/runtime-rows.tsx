// The repeatable rows of the service form's Advanced section: tmpfs mounts, labels and extra hosts.
// Each row's errors sit under its inputs and are tied to them (aria-describedby).
"use client";

import { Input } from "@/components/ui/field";
import { RowCaption, RowList } from "@/components/common/row-list";
import { RowError, type Errors } from "./runtime-fields";
import { errorAt, newExtraHost, newLabel, newTmpfs, type ExtraHostRow, type LabelRow, type TmpfsRow } from "./runtime-model";

function replace<T extends { key: number }>(rows: T[], key: number, patch: Partial<T>): T[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r));
}

/** zod's words for a refused record key, in the form's. */
const LABEL_KEY_RULE = "letters, digits and . _ - / (homeport.* is reserved)";

const headerClass = "grid gap-2 pr-12 text-xs font-medium text-zinc-500 dark:text-zinc-400";

/** Props of one row input bound to an error path: invalid state and the id of its error. */
function bound(errors: Errors, path: string, errorId: string) {
  const message = errorAt(errors, path);
  return { invalid: Boolean(message), "aria-describedby": message ? errorId : undefined, message };
}

export function TmpfsRows({ rows, errors, onChange }: { rows: TmpfsRow[]; errors: Errors; onChange: (rows: TmpfsRow[]) => void }) {
  const cols = "sm:grid-cols-[2fr_1fr]";
  return (
    <RowList
      rows={rows}
      noun="tmpfs mount"
      empty="No tmpfs mounts. With a read-only root, give the app a writable /tmp here."
      error={errors["runtime.tmpfs"]}
      onAdd={() => onChange([...rows, newTmpfs()])}
      onRemove={(key) => onChange(rows.filter((r) => r.key !== key))}
      header={
        <div className={`${headerClass} ${cols}`}>
          <span>Path in the container</span>
          <span>Size (MiB)</span>
        </div>
      }
      renderRow={(r, i) => {
        const target = bound(errors, `runtime.tmpfs.${i}.target`, `runtime-tmpfs-${i}-target-error`);
        const size = bound(errors, `runtime.tmpfs.${i}.sizeBytes`, `runtime-tmpfs-${i}-size-error`);
        return (
          <div className={`grid grid-cols-1 gap-2 ${cols}`}>
            <label className="block">
              <RowCaption>Path in the container</RowCaption>
              <Input aria-label={`tmpfs path ${i + 1}`} className="font-mono" spellCheck={false} placeholder="/tmp" value={r.target} invalid={target.invalid} aria-describedby={target["aria-describedby"]} onChange={(e) => onChange(replace(rows, r.key, { target: e.target.value }))} />
              <RowError id={`runtime-tmpfs-${i}-target-error`} message={target.message} />
            </label>
            <label className="block">
              <RowCaption>Size (MiB)</RowCaption>
              <Input type="number" inputMode="decimal" min={0} step="any" aria-label={`tmpfs size in MiB ${i + 1}`} placeholder="half the RAM" value={r.sizeMiB} invalid={size.invalid} aria-describedby={size["aria-describedby"]} onChange={(e) => onChange(replace(rows, r.key, { sizeMiB: e.target.value }))} />
              <RowError id={`runtime-tmpfs-${i}-size-error`} message={size.message} />
            </label>
          </div>
        );
      }}
    />
  );
}

export function LabelRows({ rows, errors, onChange }: { rows: LabelRow[]; errors: Errors; onChange: (rows: LabelRow[]) => void }) {
  const cols = "sm:grid-cols-[1fr_1.5fr]";
  return (
    <RowList
      rows={rows}
      noun="label"
      empty="No labels. Homeport sets its own (homeport.*) on every container."
      error={errors["runtime.labels"]}
      onAdd={() => onChange([...rows, newLabel()])}
      onRemove={(key) => onChange(rows.filter((r) => r.key !== key))}
      header={
        <div className={`${headerClass} ${cols}`}>
          <span>Key</span>
          <span>Value</span>
        </div>
      }
      renderRow={(r, i) => {
        const id = `runtime-label-${i}-error`;
        const keyError = r.name.trim() ? errorAt(errors, `runtime.labels.${r.name.trim()}`) : undefined;
        const message = errors[`runtime.labelrow.${r.key}`] ?? (keyError === "Invalid key in record" ? LABEL_KEY_RULE : keyError);
        return (
          <div className={`grid grid-cols-1 gap-2 ${cols}`}>
            <label className="block">
              <RowCaption>Key</RowCaption>
              <Input aria-label={`Label key ${i + 1}`} className="font-mono" spellCheck={false} placeholder="com.example.team" value={r.name} invalid={Boolean(message)} aria-describedby={message ? id : undefined} onChange={(e) => onChange(replace(rows, r.key, { name: e.target.value }))} />
              <RowError id={id} message={message} />
            </label>
            <label className="block">
              <RowCaption>Value</RowCaption>
              <Input aria-label={`Label value ${i + 1}`} spellCheck={false} value={r.value} onChange={(e) => onChange(replace(rows, r.key, { value: e.target.value }))} />
            </label>
          </div>
        );
      }}
    />
  );
}

export function ExtraHostRows({ rows, errors, onChange }: { rows: ExtraHostRow[]; errors: Errors; onChange: (rows: ExtraHostRow[]) => void }) {
  const cols = "sm:grid-cols-[1.5fr_1fr]";
  return (
    <RowList
      rows={rows}
      noun="extra host"
      empty="No extra hosts. Each adds a line to the container's /etc/hosts."
      error={errors["runtime.extraHosts"]}
      onAdd={() => onChange([...rows, newExtraHost()])}
      onRemove={(key) => onChange(rows.filter((r) => r.key !== key))}
      header={
        <div className={`${headerClass} ${cols}`}>
          <span>Host name</span>
          <span>IP address</span>
        </div>
      }
      renderRow={(r, i) => {
        const hostname = bound(errors, `runtime.extraHosts.${i}.hostname`, `runtime-extra-host-${i}-hostname-error`);
        const ip = bound(errors, `runtime.extraHosts.${i}.ip`, `runtime-extra-host-${i}-ip-error`);
        return (
          <div className={`grid grid-cols-1 gap-2 ${cols}`}>
            <label className="block">
              <RowCaption>Host name</RowCaption>
              <Input aria-label={`Extra host name ${i + 1}`} className="font-mono" spellCheck={false} placeholder="nas.lan" value={r.hostname} invalid={hostname.invalid} aria-describedby={hostname["aria-describedby"]} onChange={(e) => onChange(replace(rows, r.key, { hostname: e.target.value }))} />
              <RowError id={`runtime-extra-host-${i}-hostname-error`} message={hostname.message} />
            </label>
            <label className="block">
              <RowCaption>IP address</RowCaption>
              <Input aria-label={`Extra host IP ${i + 1}`} className="font-mono" spellCheck={false} placeholder="192.168.1.10 or host-gateway" value={r.ip} invalid={ip.invalid} aria-describedby={ip["aria-describedby"]} onChange={(e) => onChange(replace(rows, r.key, { ip: e.target.value }))} />
              <RowError id={`runtime-extra-host-${i}-ip-error`} message={ip.message} />
            </label>
          </div>
        );
      }}
    />
  );
}
