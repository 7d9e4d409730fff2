// Reads a request body as JSON with a size cap, refusing other media types and malformed JSON.
import { ApiError } from "./errors";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(json|[\w.+-]+\+json)\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Content-Type must be application/json");
  }
  const text = await readTextBody(req, maxBytes);
  if (text.trim() === "") throw new ApiError("invalid_json", "Request body is empty; expected JSON");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError("invalid_json", `Malformed JSON: ${(err as Error).message}`);
  }
  // A `\uD800`-style escape yields a string that is not Unicode; the database layer cannot store it.
  if (SURROGATE_ESCAPE.test(text) && !isWellFormed(value)) {
    throw new ApiError("invalid_json", "The body holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF); text must be valid Unicode");
  }
  return value;
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when every string (key or value) in a parsed JSON value is well-formed UTF-16. Iterative: bodies may nest deeply. */
function isWellFormed(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) return false;
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) stack.push(k, x);
    }
  }
  return true;
}

/** The body as text, at most maxBytes (a larger declared or streamed body is a 413, read no further). */
export async function readTextBody(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ApiError("payload_too_large", `Request body exceeds ${maxBytes} bytes`);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ApiError("payload_too_large", `Request body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
