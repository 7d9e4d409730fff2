// The repeatable rows of the service form: ports, environment variables and volumes.
"use client";

import { Badge } from "@/components/ui/badge";
import { Input, Select } from "@/components/ui/field";
import { RowCaption, RowList } from "@/components/common/row-list";
import { newEnv, newPort, newVolume, type EnvRow, type PortRow, type VolumeRow } from "./service-model";

type Errors = Record<string, string>;

function replace<T extends { key: number }>(rows: T[], key: number, patch: Partial<T>): T[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r));
}

const headerClass = "grid gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400";
const err = (m?: string) => m && <span className="mt-1 block text-xs font-medium text-red-600 dark:text-red-400">{m}</span>;

export function PortRows({ rows, errors, onChange }: { rows: PortRow[]; errors: Errors; onChange: (rows: PortRow[]) => void }) {
  const cols = "sm:grid-cols-[1fr_1fr_6.5rem_1.3fr]";
  return (
    <>
      <RowList
        rows={rows}
        noun="port"
        empty="No ports. Add one to reach the service or route a hostname to it."
        error={errors.ports}
        onAdd={() => onChange([...rows, newPort()])}
        onRemove={(key) => onChange(rows.filter((r) => r.key !== key))}
        header={
          <div className={`${headerClass} ${cols} pr-12`}>
            <span>Container port</span>
            <span>Host port</span>
            <span>Protocol</span>
            <span>Host IP</span>
          </div>
        }
        renderRow={(r, i) => (
          <div className={`grid grid-cols-2 gap-2 ${cols}`}>
            <label className="block">
              <RowCaption>Container port</RowCaption>
              <Input type="number" inputMode="numeric" min={1} max={65535} aria-label={`Container port ${i + 1}`} placeholder="8080" value={r.container} invalid={!!errors[`ports.${i}.container`]} onChange={(e) => onChange(replace(rows, r.key, { container: e.target.value }))} />
              {err(errors[`ports.${i}.container`])}
            </label>
            <label className="block">
              <RowCaption>Host port</RowCaption>
              <Input type="number" inputMode="numeric" min={1} max={65535} aria-label={`Host port ${i + 1}`} placeholder="unpublished" value={r.host} invalid={!!errors[`ports.${i}.host`]} onChange={(e) => onChange(replace(rows, r.key, { host: e.target.value }))} />
              {err(errors[`ports.${i}.host`])}
            </label>
            <label className="block">
              <RowCaption>Protocol</RowCaption>
              <Select aria-label={`Protocol ${i + 1}`} value={r.protocol} onChange={(e) => onChange(replace(rows, r.key, { protocol: e.target.value as PortRow["protocol"] }))}>
                <option value="tcp">TCP</option>
                <option value="udp">UDP</option>
              </Select>
            </label>
            <label className="block">
              <RowCaption>Host IP</RowCaption>
              <Input aria-label={`Host IP ${i + 1}`} className="font-mono" spellCheck={false} value={r.hostIp} invalid={!!errors[`ports.${i}.hostIp`]} onChange={(e) => onChange(replace(rows, r.key, { hostIp: e.target.value }))} />
              {err(errors[`ports.${i}.hostIp`])}
              {r.hostIp.trim() === "0.0.0.0" && r.host && (
                <Badge tone="warning" className="mt-1">
                  Exposed on the LAN
                </Badge>
              )}
            </label>
          </div>
        )}
      />
      {rows.length > 0 && (
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          Leave the host port empty to keep a port unpublished (routes still reach it). Host IP <code className="font-mono">127.0.0.1</code> keeps a published port on this machine;{" "}
          <code className="font-mono">0.0.0.0</code> exposes it to every device on your LAN.
        </p>
      )}
    </>
  );
}

export function EnvRows({ rows, errors, onChange }: { rows: EnvRow[]; errors: Errors; onChange: (rows: EnvRow[]) => void }) {
  const cols = "sm:grid-cols-[1fr_1.5fr]";
  return (
    <RowList
      rows={rows}
      noun="variable"
      empty="No environment variables."
      error={errors.env}
      onAdd={() => onChange([...rows, newEnv()])}
      onRemove={(key) => onChange(rows.filter((r) => r.key !== key))}
      header={
        <div className={`${headerClass} ${cols} pr-12`}>
          <span>Name</span>
          <span>Value</span>
        </div>
      }
      renderRow={(r, i) => {
        const e = errors[`envrow.${r.key}`] ?? errors[`env.${r.name.trim()}`];
        return (
          <div className={`grid grid-cols-1 gap-2 ${cols}`}>
            <label className="block">
              <RowCaption>Name</RowCaption>
              <Input aria-label={`Variable name ${i + 1}`} className="font-mono" spellCheck={false} autoCapitalize="characters" placeholder="TZ" value={r.name} invalid={!!e} onChange={(ev) => onChange(replace(rows, r.key, { name: ev.target.value }))} />
              {err(e)}
            </label>
            <label className="block">
              <RowCaption>Value</RowCaption>
              <Input aria-label={`Variable value ${i + 1}`} className="font-mono" spellCheck={false} placeholder="Europe/Paris" value={r.value} onChange={(ev) => onChange(replace(rows, r.key, { value: ev.target.value }))} />
            </label>
          </div>
        );
      }}
    />
  );
}

export function VolumeRows({ rows, errors, onChange }: { rows: VolumeRow[]; errors: Errors; onChange: (rows: VolumeRow[]) => void }) {
  const cols = "sm:grid-cols-[1fr_1fr_7rem]";
  return (
    <RowList
      rows={rows}
      noun="volume"
      empty="No volumes. Data inside the container is lost when it is recreated."
      error={errors.volumes}
      onAdd={() => onChange([...rows, newVolume()])}
      onRemove={(key) => onChange(rows.filter((r) => r.key !== key))}
      header={
        <div className={`${headerClass} ${cols} pr-12`}>
          <span>Source (host path or volume name)</span>
          <span>Target in the container</span>
          <span>Access</span>
        </div>
      }
      renderRow={(r, i) => (
        <div className={`grid grid-cols-1 gap-2 ${cols}`}>
          <label className="block">
            <RowCaption>Source (host path or volume name)</RowCaption>
            <Input aria-label={`Volume source ${i + 1}`} className="font-mono" spellCheck={false} placeholder="/srv/media or media-data" value={r.source} invalid={!!errors[`volumes.${i}.source`]} onChange={(e) => onChange(replace(rows, r.key, { source: e.target.value }))} />
            {err(errors[`volumes.${i}.source`])}
          </label>
          <label className="block">
            <RowCaption>Target in the container</RowCaption>
            <Input aria-label={`Volume target ${i + 1}`} className="font-mono" spellCheck={false} placeholder="/data" value={r.target} invalid={!!errors[`volumes.${i}.target`]} onChange={(e) => onChange(replace(rows, r.key, { target: e.target.value }))} />
            {err(errors[`volumes.${i}.target`])}
          </label>
          <label className="flex h-10 items-center gap-2 text-sm sm:mt-0">
            <input type="checkbox" className="size-4 accent-indigo-600" checked={r.readOnly} onChange={(e) => onChange(replace(rows, r.key, { readOnly: e.target.checked }))} />
            Read-only
          </label>
        </div>
      )}
    />
  );
}
