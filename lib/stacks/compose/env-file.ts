// Parses a stack's `.env` as Compose does: KEY=VALUE lines, `export ` prefixes, comments, single quotes
// (literal), double quotes (escapes, may span lines), ${VAR} from earlier lines; errors name the line.
import { interpolate } from "./interpolate";
import type { ComposeIssue } from "./issues";

export const MAX_ENV_FILE_BYTES = 256 * 1024;
export const MAX_ENV_VARIABLES = 1000;

export type EnvFileResult = { ok: true; env: Record<string, string> } | { ok: false; errors: ComposeIssue[] };

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"', "'": "'", "`": "`" };

/** What follows a closing quote may only be spaces and a comment. */
const restIsComment = (rest: string) => /^\s*(#.*)?$/.test(rest);

export function parseEnvFile(text: string): EnvFileResult {
  const errors: ComposeIssue[] = [];
  const env: Record<string, string> = {};
  const err = (line: number, message: string, path = "") => {
    if (errors.length < 50) errors.push({ path, line, column: null, message });
  };
  if (new TextEncoder().encode(text).length > MAX_ENV_FILE_BYTES) {
    return { ok: false, errors: [{ path: "", line: null, column: null, message: `the .env file is larger than ${MAX_ENV_FILE_BYTES / 1024} KiB` }] };
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trimStart();
    if (raw === "" || raw.startsWith("#")) continue;
    const body = raw.replace(/^export\s+/, "");
    const eq = body.indexOf("=");
    if (eq < 0) {
      err(lineNo, `expected KEY=VALUE, found ${JSON.stringify(body.length > 40 ? `${body.slice(0, 37)}…` : body)}`);
      continue;
    }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) {
      err(lineNo, `${JSON.stringify(key)} is not a variable name (letters, digits and _; not starting with a digit)`);
      continue;
    }
    let rest = body.slice(eq + 1).trimStart();
    let value: string;
    if (rest.startsWith("'") || rest.startsWith('"')) {
      const quote = rest[0]!;
      // The closing quote may be on a later line.
      let content = rest.slice(1);
      let close = findClose(content, quote);
      const startLine = lineNo;
      while (close < 0 && i + 1 < lines.length) {
        i++;
        content += `\n${lines[i]!}`;
        close = findClose(content, quote);
      }
      if (close < 0) {
        err(startLine, `the value of ${key} opens a ${quote === "'" ? "single" : "double"} quote that is never closed`, key);
        continue;
      }
      rest = content.slice(close + 1);
      if (!restIsComment(rest)) {
        err(i + 1, `unexpected text after the closing quote of ${key}`, key);
        continue;
      }
      const inner = content.slice(0, close);
      if (quote === "'") value = inner;
      else {
        const r = interpolate(unescapeDouble(inner), env);
        if (!r.ok) {
          err(startLine, `${key}: ${r.message}`, key);
          continue;
        }
        value = r.value;
      }
    } else {
      const hash = rest.search(/\s#/);
      const plain = (hash >= 0 ? rest.slice(0, hash) : rest).trim();
      const r = interpolate(plain, env);
      if (!r.ok) {
        err(lineNo, `${key}: ${r.message}`, key);
        continue;
      }
      value = r.value;
    }
    if (!Object.hasOwn(env, key) && ++count > MAX_ENV_VARIABLES) {
      err(lineNo, `more than ${MAX_ENV_VARIABLES} variables`);
      break;
    }
    Object.defineProperty(env, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return errors.length ? { ok: false, errors } : { ok: true, env };
}

/** Index of the unescaped closing quote (single quotes have no escapes). */
function findClose(s: string, quote: string): number {
  for (let k = 0; k < s.length; k++) {
    if (quote === '"' && s[k] === "\\") k++;
    else if (s[k] === quote) return k;
  }
  return -1;
}

/** Double-quoted escapes; `\$` becomes `$$` so interpolation leaves a literal `$`. */
function unescapeDouble(s: string): string {
  let out = "";
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if (c !== "\\" || k + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++k]!;
    if (n === "$") out += "$$";
    else out += ESCAPES[n] ?? `\\${n}`;
  }
  return out;
}
