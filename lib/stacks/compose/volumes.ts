// Compose `volumes:` of a service (short "SOURCE:TARGET[:MODE]" and long syntax) into named-volume and
// bind mounts, and `tmpfs:` (and `type: tmpfs` volumes) into the runtime's tmpfs list.
import { VolumeSchema } from "@/lib/inventory/schemas";
import type { z } from "zod";
import type { TmpfsSchema } from "@/lib/inventory/runtime";
import { entries, isRecord, type Reporter } from "./context";
import { show, type KeyPath } from "./issues";
import type { ComposeMount } from "./schemas";
import { parseBool, parseBytes } from "./units";

export type Tmpfs = z.infer<typeof TmpfsSchema>;
export interface PlacedMount { mount: ComposeMount; path: KeyPath }
export interface PlacedTmpfs { tmpfs: Tmpfs; path: KeyPath }

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Mount options Homeport ignores with a warning: SELinux relabelling and nocopy change nothing it checks. */
const IGNORED_MODES = new Set(["z", "Z", "nocopy"]);

function relativeMessage(source: string, stack: string): string {
  return `${show(source)} is a relative path: use an absolute path under a folder the host allows for bind mounts (e.g. /srv/${stack}/${source.replace(/^[.~/]+/, "") || "data"})`;
}

/** Classifies a source: an absolute host path, a volume name, or an error. */
function classify(source: string, stack: string): { type: "bind" | "volume" } | { error: string } {
  if (source.startsWith("/")) return { type: "bind" };
  if (source.startsWith(".") || source.startsWith("~") || source.includes("/") || source.includes("\\")) return { error: relativeMessage(source, stack) };
  if (VOLUME_NAME.test(source)) return { type: "volume" };
  return { error: `${show(source)} is neither an absolute path nor a volume name` };
}

/** Checks a mount against the inventory's rules (absolute targets, no Docker socket or system folders). */
function checked(mount: ComposeMount, path: KeyPath, r: Reporter): ComposeMount | null {
  const v = VolumeSchema.safeParse({ source: mount.source, target: mount.target, readOnly: mount.readOnly });
  if (v.success) return { ...mount, source: v.data.source, target: v.data.target };
  for (const issue of v.error.issues) r.error(path, `${show(issue.path[0] === "target" ? mount.target : mount.source)}: ${issue.message}`);
  return null;
}

function shortMount(raw: string, path: KeyPath, stack: string, r: Reporter): ComposeMount | null {
  const parts = raw.split(":");
  if (parts.length === 1) {
    r.error(path, `${show(raw)} is an anonymous volume: name it (e.g. data:${raw}) and declare it under the top-level volumes`);
    return null;
  }
  if (parts.length > 3) {
    r.error(path, `${show(raw)}: expected SOURCE:TARGET[:MODE]`);
    return null;
  }
  const [source, target, mode = ""] = parts as [string, string, string?];
  const kind = classify(source, stack);
  if ("error" in kind) {
    r.error(path, kind.error);
    return null;
  }
  let readOnly = false;
  for (const opt of mode.split(",").filter(Boolean)) {
    if (opt === "ro") readOnly = true;
    else if (opt === "rw") readOnly = false;
    else if (IGNORED_MODES.has(opt)) r.warn(path, `the mount option ${opt} is ignored`);
    else {
      r.error(path, `${show(raw)}: the mount option ${show(opt)} is not supported (ro or rw)`);
      return null;
    }
  }
  return checked({ type: kind.type, source, target, readOnly }, path, r);
}

const LONG_KEYS = new Set(["type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency"]);

function longMount(v: Record<string, unknown>, path: KeyPath, stack: string, r: Reporter, tmpfs: PlacedTmpfs[]): ComposeMount | null {
  for (const [k] of entries(v)) if (!LONG_KEYS.has(k)) r.error([...path, k], `${k} is not supported in a mount`, "key");
  const type = v.type;
  const target = typeof v.target === "string" ? v.target : "";
  if (type === "tmpfs") {
    const opts = isRecord(v.tmpfs) ? v.tmpfs : {};
    const t: Tmpfs = { target };
    for (const [k, val] of entries(opts)) {
      if (k === "size") {
        const size = parseBytes(val);
        if (size === null) r.error([...path, "tmpfs", "size"], `${show(val)} is not a size (e.g. 64m)`);
        else t.sizeBytes = size;
      } else if (k === "mode") {
        if (typeof val === "number") t.mode = val;
        else r.error([...path, "tmpfs", "mode"], `${show(val)} is not a file mode`);
      } else r.error([...path, "tmpfs", k], `the tmpfs option ${k} is not supported (size and mode are)`, "key");
    }
    tmpfs.push({ tmpfs: t, path });
    return null;
  }
  if (type !== "volume" && type !== "bind") {
    r.error([...path, "type"], `${show(type)} mounts are not supported (volume, bind or tmpfs)`);
    return null;
  }
  const source = typeof v.source === "string" ? v.source : "";
  if (source === "") {
    r.error(path, type === "volume" ? "source is required: name the volume (anonymous volumes are not supported)" : "source (the host path) is required");
    return null;
  }
  const kind = classify(source, stack);
  if ("error" in kind) {
    r.error([...path, "source"], kind.error);
    return null;
  }
  if (kind.type !== type) {
    r.error([...path, "source"], type === "bind" ? `${show(source)} is not an absolute host path` : `${show(source)} is a host path: use type: bind`);
    return null;
  }
  for (const [k, val] of entries(isRecord(v.bind) ? v.bind : {})) {
    if (k === "create_host_path") continue;
    if (k === "selinux") r.warn([...path, "bind", k], "SELinux relabelling is ignored", "key");
    else r.error([...path, "bind", k], `the bind option ${k} is not supported${k === "propagation" ? ` (${show(val)})` : ""}`, "key");
  }
  for (const [k] of entries(isRecord(v.volume) ? v.volume : {})) {
    if (k === "nocopy") r.warn([...path, "volume", k], "nocopy is ignored", "key");
    else r.error([...path, "volume", k], `the volume option ${k} is not supported`, "key");
  }
  if (v.consistency !== undefined) r.warn([...path, "consistency"], "consistency applies to Docker Desktop only and is ignored", "key");
  const readOnly = v.read_only === undefined ? false : parseBool(v.read_only);
  if (readOnly === null) {
    r.error([...path, "read_only"], `${show(v.read_only)} is not true or false`);
    return null;
  }
  return checked({ type, source, target, readOnly }, path, r);
}

/** `tmpfs: /run` or `tmpfs: ["/run:size=64m,mode=1777"]`. */
export function normaliseTmpfs(value: unknown, base: KeyPath, r: Reporter): PlacedTmpfs[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const out: PlacedTmpfs[] = [];
  list.forEach((item, i) => {
    const path = typeof value === "string" ? base : [...base, i];
    const [target = "", opts = ""] = String(item).split(/:(.*)/s);
    const t: Tmpfs = { target };
    for (const opt of opts.split(",").filter(Boolean)) {
      const [k, val = ""] = opt.split("=");
      if (k === "size") {
        const size = parseBytes(val);
        if (size === null) r.error(path, `${show(val)} is not a size (e.g. 64m)`);
        else t.sizeBytes = size;
      } else if (k === "mode" && /^[0-7]{1,4}$/.test(val)) t.mode = parseInt(val, 8);
      else r.error(path, `${show(item)}: the tmpfs option ${show(opt)} is not supported (size= and mode= are)`);
    }
    out.push({ tmpfs: t, path });
  });
  return out;
}

/** The service's mounts and the tmpfs mounts among them. */
export function normaliseVolumes(value: unknown, base: KeyPath, stack: string, r: Reporter): { mounts: PlacedMount[]; tmpfs: PlacedTmpfs[] } {
  const mounts: PlacedMount[] = [];
  const tmpfs: PlacedTmpfs[] = [];
  (Array.isArray(value) ? value : []).forEach((item, i) => {
    const path = [...base, i];
    const m = isRecord(item) ? longMount(item, path, stack, r, tmpfs) : shortMount(String(item), path, stack, r);
    if (m) mounts.push({ mount: m, path });
  });
  return { mounts, tmpfs };
}
