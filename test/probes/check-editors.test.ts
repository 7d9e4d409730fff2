// Contract of the check editors, over every entry of the registry: each engine check type has an
// editor that writes it, whose payload the API's schema accepts with every target field the
// engine knows (none dropped, none missing), which reopens a stored check as it was saved, and
// which shows every error path it claims beside its fields.
import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { z } from "zod";
import { CHECK_EDITORS, EDITORS } from "@/components/reachability/check-editors";
import { TargetFields } from "@/components/reachability/check-form";
import { emptyModel, modelFromCheck, payloadFromModel, type CheckModel } from "@/components/reachability/check-model";
import { CHECK_TYPES, CheckSpecSchema, type CheckType } from "@/lib/probes/engine/schemas";
import { CheckCreateSchema, type CheckView } from "@/lib/probes/schemas";

/** The engine's target schema of `type`, from the spec's discriminated union. */
function targetKeys(type: CheckType): string[] {
  const option = CheckSpecSchema.options.find((o) => o.shape.type.value === type);
  const target = option?.shape.target;
  expect(target, type).toBeInstanceOf(z.ZodObject);
  return target instanceof z.ZodObject ? Object.keys(target.shape).sort() : [];
}

const view = (spec: { type: CheckType; target: CheckView["target"] }): CheckView => ({
  id: "c1", name: "c", ...spec, description: "", intervalSec: 60, timeoutMs: 10_000, retries: 1, vantages: [], channels: [], enabled: true,
  expectation: "reachable", source: "manual", sourceKey: null, status: "unknown", statusSince: null, createdAt: "", updatedAt: "",
  tags: [], groupName: null, pausedAt: null, pausedBy: null,
});

describe("the check editor registry", () => {
  it("has an editor for every engine check type, one that writes that type", () => {
    expect(Object.keys(CHECK_EDITORS).sort()).toEqual([...CHECK_TYPES].sort());
    for (const type of CHECK_TYPES) expect(CHECK_EDITORS[type].types, type).toContain(type);
  });

  for (const editor of EDITORS) {
    describe(editor.kind, () => {
      const model: CheckModel = { ...emptyModel(editor.kind), name: "contract", ...editor.example };

      it("its example's payload passes the API's schema, as one of its types, with exactly the engine's target fields", () => {
        const parsed = CheckCreateSchema.safeParse(payloadFromModel(model));
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        if (!parsed.success) return;
        expect(editor.types).toContain(parsed.data.type);
        const written = Object.keys(editor.toSpec(model).target).sort();
        expect(written).toEqual(targetKeys(parsed.data.type));
        expect(editor.refusal(model)).toBeNull();
      });

      it("reopens a stored check as it was saved", () => {
        const saved = CheckSpecSchema.parse(editor.toSpec(model));
        const reopened = modelFromCheck(view(saved));
        expect(reopened.kind).toBe(editor.kind);
        expect(CheckSpecSchema.parse(editor.toSpec(reopened))).toEqual(saved);
      });

      it("shows each error path it claims beside its fields", () => {
        for (const paths of Object.values(editor.errorPaths)) {
          for (const path of paths ?? []) {
            const message = `problem at ${path}`;
            const html = renderToString(h(TargetFields, { model, errors: { [path]: message }, update: () => {} }));
            expect(html, path).toContain(message);
          }
        }
      });
    });
  }
});
