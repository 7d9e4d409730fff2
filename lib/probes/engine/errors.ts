// ProbeError: a failure with its error class, and the mapping from Node's network errors to
// error classes, in one place.
import type { ErrorClass } from "./schemas";

export class ProbeError extends Error {
  constructor(readonly errorClass: ErrorClass, message: string) {
    super(message);
    this.name = "ProbeError";
  }
}

const CODE_CLASSES: Record<string, ErrorClass> = {
  ENOTFOUND: "dns_failure",
  EAI_AGAIN: "dns_failure",
  EAI_NODATA: "dns_failure",
  EAI_NONAME: "dns_failure",
  ENODATA: "dns_failure",
  ESERVFAIL: "dns_failure",
  EREFUSED: "dns_failure",
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timeout",
  ETIMEOUT: "timeout",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  ENETDOWN: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ECONNRESET: "reset",
  EPIPE: "reset",
  HPE_INVALID_CONSTANT: "protocol_error",
  HPE_INVALID_STATUS: "protocol_error",
  HPE_INVALID_HEADER_TOKEN: "protocol_error",
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_|HOSTNAME_MISMATCH)/;

/** Turns anything a probe threw into a ProbeError. `timedOut` wins: an aborted probe is a timeout. */
export function classifyError(err: unknown, timedOut: boolean): ProbeError {
  if (err instanceof ProbeError) return err;
  if (timedOut) return new ProbeError("timeout", "no answer within the timeout");
  const e = err as { code?: unknown; message?: unknown; name?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  const message = typeof e?.message === "string" ? e.message : String(err);
  if (e?.name === "AbortError" || code === "ABORT_ERR") return new ProbeError("timeout", "no answer within the timeout");
  const cls = CODE_CLASSES[code] ?? (TLS_CODE.test(code) || /ssl|tls|certificate/i.test(message) ? "tls_error" : undefined);
  if (cls) return new ProbeError(cls, code && !message.includes(code) ? `${code}: ${message}` : message);
  if (code.startsWith("HPE_")) return new ProbeError("protocol_error", message);
  return new ProbeError("internal", message);
}
