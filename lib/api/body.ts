// Reads a request body as JSON with a size cap, refusing other media types and malformed JSON.
import { ApiError } from "./errors";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(json|[\w.+-]+\+json)\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Content-Type must be application/json");
  }
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ApiError("payload_too_large", `Request body exceeds ${maxBytes} bytes`);
  }
  const text = await readCapped(req, maxBytes);
  if (text.trim() === "") throw new ApiError("invalid_json", "Request body is empty; expected JSON");
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError("invalid_json", `Malformed JSON: ${(err as Error).message}`);
  }
}

async function readCapped(req: Request, maxBytes: number): Promise<string> {
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
