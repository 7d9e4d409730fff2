// DNS name rules shared by the browser and the server (no Node-only imports): RFC 1123 labels,
// length limits, IDN to punycode through the WHATWG URL parser.
import { z } from "zod";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
export const MAX_HOSTNAME_LENGTH = 253;

/** Returns the ASCII (punycode), lower-case form of a hostname, or an error message. */
export function normalizeHostname(input: string): { ok: true; value: string } | { ok: false; error: string } {
  const raw = input.trim().replace(/\.$/, "");
  if (raw === "") return { ok: false, error: "hostname is required" };
  if (/[\s/:@?#\\%]/.test(raw)) return { ok: false, error: "a hostname has no spaces, scheme, port or path" };
  let ascii: string;
  try {
    ascii = new URL(`http://${raw}/`).hostname;
  } catch {
    return { ok: false, error: `"${raw}" is not a valid hostname` };
  }
  if (ascii.length > MAX_HOSTNAME_LENGTH) return { ok: false, error: `a hostname has at most ${MAX_HOSTNAME_LENGTH} characters` };
  if (/^[\d.]+$/.test(ascii) || ascii.startsWith("[")) return { ok: false, error: "use a DNS name, not an IP address" };
  const labels = ascii.split(".");
  if (labels.length < 2) return { ok: false, error: "use a fully qualified name such as app.home.arpa" };
  for (const l of labels) {
    if (l.length > 63) return { ok: false, error: `label "${l.slice(0, 20)}…" is longer than 63 characters` };
    if (!LABEL.test(l)) return { ok: false, error: `label "${l}" may hold only letters, digits and inner hyphens` };
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return { ok: false, error: "the top-level label cannot be numeric" };
  return { ok: true, value: ascii };
}

export const HostnameSchema = z
  .string()
  .max(1024)
  .transform((v, ctx) => {
    const r = normalizeHostname(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    return r.value;
  })
  .describe("A fully qualified DNS name; IDN is converted to punycode");

/** A single DNS label (service and host names double as container and DNS names). */
export const DnsLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "required")
  .max(63, "at most 63 characters")
  .regex(LABEL, "lower-case letters, digits and inner hyphens only");

export const MAX_TAG_LENGTH = 32;
export const MAX_TAGS = 12;

/** A short label on a service or check (lists filter by it): letters, digits, `-`, `_`, `.`, `:`. */
export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "required")
  .max(MAX_TAG_LENGTH, `at most ${MAX_TAG_LENGTH} characters`)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, "letters, digits, '-', '_', '.' and ':' only");

/** A set of tags: at most MAX_TAGS, duplicates folded, sorted. */
export const TagsSchema = z
  .array(TagSchema)
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
  .transform((tags) => [...new Set(tags)].sort());

/** A group shown together in lists and on status pages: a short phrase; empty means none. */
export const GroupNameSchema = z
  .string()
  .trim()
  .max(48, "at most 48 characters")
  .refine((v) => !/[<>]/.test(v) && [...v].every((c) => c.charCodeAt(0) >= 0x20), "no control characters or angle brackets")
  .transform((v) => (v === "" ? null : v));
