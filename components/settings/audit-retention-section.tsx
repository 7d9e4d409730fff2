// Audit retention (admins): how many days of audit events are kept; older ones are deleted by a
// background job. Validated with the same schema as the API.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, type Settings } from "@/lib/settings/schemas";
import { useSettingsSave } from "./use-settings-save";

const FIELD = "auditRetentionDays";

export function AuditRetentionSection({ initial }: { initial: Pick<Settings, "auditRetentionDays"> }) {
  const [days, setDays] = useState(String(initial.auditRetentionDays));
  const [saved, setSaved] = useState(initial.auditRetentionDays);
  const { errors, problem, pending, clearErrors, save: store } = useSettingsSave();

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void store({ auditRetentionDays: days.trim() === "" ? Number.NaN : Number(days) }, (next) => {
      setSaved(next.auditRetentionDays);
      setDays(String(next.auditRetentionDays));
      return `Audit events are now kept for ${next.auditRetentionDays} days`;
    });
  };

  return (
    <Card aria-labelledby="retention-title">
      <CardHeader id="retention-title" title="Audit retention" description="How long the audit log keeps its events. Older events are deleted automatically." />
      <CardBody>
        <form onSubmit={save} noValidate className="flex max-w-md flex-wrap items-end gap-3">
          {problem && <Alert tone="error">{problem}</Alert>}
          <Field
            id={FIELD}
            label="Keep audit events for (days)"
            hint={`Between ${AUDIT_RETENTION_MIN_DAYS} and ${AUDIT_RETENTION_MAX_DAYS} days; now ${saved}.`}
            error={errors[FIELD]}
            className="grow"
          >
            <Input
              id={FIELD}
              type="number"
              inputMode="numeric"
              min={AUDIT_RETENTION_MIN_DAYS}
              max={AUDIT_RETENTION_MAX_DAYS}
              step={1}
              value={days}
              invalid={!!errors[FIELD]}
              aria-describedby={describedBy(FIELD, { hint: true, error: errors[FIELD] })}
              onChange={(e) => {
                setDays(e.target.value);
                clearErrors();
              }}
            />
          </Field>
          <Button type="submit" loading={pending} disabled={days === String(saved)}>
            Save
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
