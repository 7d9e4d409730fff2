// Compose's value spellings: byte sizes (`512m`, `1.5gb`), Go durations (`1m30s`), and the booleans and
// numbers that interpolation leaves as strings. Each returns null when the value is not one.

const BYTE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
// Docker's RAMInBytes: a number, an optional space, a unit letter, an optional i and b ("512m", "1.5GiB", "2048 kb").
const BYTES_RE = /^(\d+(?:\.\d+)?) ?([kmgtp])?(i)?(b)?$/i;

/** A byte size as Docker reads it (binary units: 1k = 1024), or null. */
export function parseBytes(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== "string") return null;
  const m = BYTES_RE.exec(value.trim());
  if (!m) return null;
  const unit = (m[2] ?? "").toLowerCase();
  if (m[3] && !unit) return null; // "12ib"
  const bytes = Math.floor(Number(m[1]) * BYTE_UNITS[unit]!);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, "μs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** A Go duration (`1m30s`, `1.5h`, `300ms`, `0`) in seconds, or null. */
export function parseDuration(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (s === "0") return 0;
  if (s === "" || s.length > 64) return null;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  let at = 0;
  while (at < s.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(s);
    if (!m) return null;
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    at = DURATION_PART.lastIndex;
  }
  return Number.isFinite(total) ? total : null;
}

/** A boolean, or a string Compose reads as one after interpolation (`true`, `yes`, `on`, …). */
export function parseBool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const s = value.trim().toLowerCase();
  if (["true", "yes", "y", "on", "1"].includes(s)) return true;
  if (["false", "no", "n", "off", "0"].includes(s)) return false;
  return null;
}

/** A finite number, or a string holding one. */
export function parseNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !/^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** An integer, or a string holding one. */
export function parseInteger(value: unknown): number | null {
  const n = parseNumber(value);
  return n !== null && Number.isSafeInteger(n) ? n : null;
}
