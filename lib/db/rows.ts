// Rows parsed once where they leave the database: each aggregate declares a zod schema of its
// row (JSON columns through the API's own schemas, enum columns through their z.enum), and reads
// go through rowParser(). A row that does not parse is a RowParseError naming the table, the row
// and the column, never a silently wrong value.
import { z } from "zod";

/** A stored row that does not match its schema (e.g. a hand-edited database). Answered as a plain 500 and logged with this message. */
export class RowParseError extends Error {
  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly column: string,
    readonly reason: string,
  ) {
    super(`${table} ${rowId}: column "${column}" does not parse: ${reason}`);
    this.name = "RowParseError";
  }
}

/** A text column holding JSON, parsed and then checked by `schema`. */
export function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        return value;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** A JSON text column read leniently, for derived views: `fallback` when it is empty, not JSON or not of the schema. */
export function jsonOr<T extends z.ZodType>(text: string | null, schema: T, fallback: z.infer<T>): z.infer<T> {
  if (!text) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

/** A text column holding a comma-separated list, each item checked by `item`; items it refuses are dropped (`lenient`) or refuse the row. */
export function listColumn<T extends z.ZodType<string>>(item: T, opts: { lenient: boolean }) {
  return z.string().transform((text, ctx) => {
    const out: z.output<T>[] = [];
    for (const raw of text.split(",")) {
      const part = raw.trim();
      if (part === "") continue;
      const r = item.safeParse(part);
      if (r.success) out.push(r.data);
      else if (!opts.lenient) {
        ctx.addIssue({ code: "custom", message: `unknown item ${JSON.stringify(part.slice(0, 64))}` });
        return z.NEVER;
      }
    }
    return out;
  });
}

type Shape = z.ZodRawShape;
/** A row as Prisma returns it: every column of the shape, of whatever stored type (JSON and enums are strings). */
export type RowOf<S extends Shape> = { [K in keyof S]: unknown };
/** The parsed record. */
export type RecordOf<S extends Shape> = z.output<z.ZodObject<S>>;
/** The parsed record of the columns a query selected. */
export type ColumnsOf<S extends Shape, R> = { [K in Extract<keyof R, keyof S>]: z.output<S[K]> };

export interface RowParser<S extends Shape> {
  readonly table: string;
  /** The row schema (its output is the aggregate's record type). */
  readonly schema: z.ZodObject<S>;
  /** A whole row → its record. Extra keys (relations, counts) are ignored. */
  parse(row: RowOf<S>): RecordOf<S>;
  /** The columns a query selected → those columns parsed; columns not selected are absent. */
  columns<R extends Partial<RowOf<S>>>(row: R): ColumnsOf<S, R>;
  /** Like `parse`, but null instead of an error (for readers that must tolerate damage, e.g. folding). */
  safeParse(row: RowOf<S>): RecordOf<S> | null;
}

function describe(error: z.ZodError): { column: string; reason: string } {
  const issue = error.issues[0];
  const [column, ...rest] = issue?.path ?? [];
  const where = rest.length ? ` at ${rest.map(String).join(".")}` : "";
  return { column: column === undefined ? "(row)" : String(column), reason: `${issue?.message ?? "invalid"}${where}` };
}

/**
 * The parser of one table's rows. `idColumn` names the column that identifies a row in errors
 * ("id" by default; e.g. "key" for settings).
 */
export function rowParser<S extends Shape>(table: string, shape: S, opts: { idColumn?: string } = {}): RowParser<S> {
  const schema = z.object(shape);
  const idColumn = opts.idColumn ?? "id";
  const picked = new Map<string, z.ZodType>();

  const rowId = (row: object): string => {
    const v: unknown = (row as Record<string, unknown>)[idColumn];
    return typeof v === "string" || typeof v === "number" ? String(v) : `(${idColumn} not selected)`;
  };
  const run = <T>(s: z.ZodType<T>, row: object): T => {
    const r = s.safeParse(row);
    if (r.success) return r.data;
    const { column, reason } = describe(r.error);
    throw new RowParseError(table, rowId(row), column, reason);
  };
  const pickFor = (row: object): z.ZodType => {
    const keys = Object.keys(row).filter((k) => Object.hasOwn(shape, k)).sort();
    const cacheKey = keys.join(",");
    let s = picked.get(cacheKey);
    if (!s) {
      s = z.object(Object.fromEntries(keys.map((k) => [k, shape[k]!])));
      picked.set(cacheKey, s);
    }
    return s;
  };

  return {
    table,
    schema,
    parse: (row) => run(schema, row),
    // The picked schema is built from the row's own keys, so its output has exactly those columns.
    columns: <R extends Partial<RowOf<S>>>(row: R) => run(pickFor(row), row) as ColumnsOf<S, R>,
    safeParse: (row) => {
      const r = schema.safeParse(row);
      return r.success ? r.data : null;
    },
  };
}
