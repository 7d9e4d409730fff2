// Every operation the fuzzer calls: each method of each route file (the gate's manifest), with the
// path parameters, query parameters and body schema the OpenAPI document gives it. Routes outside
// the document (/api/auth/*, /api/health, the document itself) take their body schemas from zod.
import { z } from "zod";
import type { ApiRoute } from "@/lib/api/gate";
import { ChangePasswordSchema, LoginSchema, SetupSchema, TotpDisableSchema, TotpEnableSchema } from "@/lib/auth/schemas";
import type { JsonSchema } from "./arbitraries";

export interface QueryParam {
  name: string;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** `/api/v1/services/{id}` */
  template: string;
  params: string[];
  query: QueryParam[];
  body?: JsonSchema;
  documented: boolean;
  /** Every method the route answers (for wrong-method requests). */
  routeMethods: string[];
}

type Doc = { paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
type Param = { name: string; in: string; schema?: JsonSchema };

const AUTH_BODIES: Record<string, z.ZodType> = {
  "/api/auth/setup": SetupSchema,
  "/api/auth/login": LoginSchema,
  "/api/auth/password": ChangePasswordSchema,
  "/api/auth/totp/enable": TotpEnableSchema,
  "/api/auth/totp/disable": TotpDisableSchema,
};

export const V1_PREFIX = "/api/v1";

export function operationsFrom(manifest: ApiRoute[], doc: Doc): Operation[] {
  const ops: Operation[] = [];
  for (const r of manifest) {
    const template = r.path.replace(/\[([^\]]+)\]/g, "{$1}");
    const docPath = template.startsWith(`${V1_PREFIX}/`) ? template.slice(V1_PREFIX.length) : null;
    const item = docPath ? doc.paths[docPath] : undefined;
    const params = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const method of r.methods) {
      const op = item?.[method.toLowerCase()];
      const declared = [...((item?.parameters ?? []) as Param[]), ...((op?.parameters ?? []) as Param[])];
      const zodBody = AUTH_BODIES[template];
      ops.push({
        method,
        template,
        params,
        query: declared.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op?.requestBody?.content?.["application/json"]?.schema ?? (zodBody ? (z.toJSONSchema(zodBody, { io: "input" }) as JsonSchema) : undefined),
        documented: Boolean(op),
        routeMethods: r.methods,
      });
    }
  }
  return ops;
}

export const opName = (op: Pick<Operation, "method" | "template">) => `${op.method} ${op.template}`;

/**
 * Where ids for a path parameter come from: the template up to the parameter, e.g. `{id}` of
 * `/api/v1/dns/providers/{id}/test` draws on `/api/v1/dns/providers`, which is filled from answers
 * of that collection; `{containerId}` draws on `/api/v1/hosts/{id}/containers`.
 */
export function poolKeyFor(template: string, param: string): string {
  return template.slice(0, template.indexOf(`/{${param}}`));
}

/** The ids in a JSON answer: of the object itself, of its `items`, of an array. */
export function idsIn(body: unknown): string[] {
  const ids: string[] = [];
  const take = (v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const id = (v as { id?: unknown }).id;
      if (typeof id === "string" && id.length > 0 && id.length <= 200) ids.push(id);
    }
  };
  if (Array.isArray(body)) body.forEach(take);
  else if (body && typeof body === "object") {
    take(body);
    for (const key of ["items", "containers", "hosts", "checks", "results"]) {
      const list = (body as Record<string, unknown>)[key];
      if (Array.isArray(list)) list.forEach(take);
    }
  }
  return ids;
}
