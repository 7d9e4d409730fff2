// Exposure scans (admins): how often Homeport scans the lab the way an attacker would on its own
// (0 turns it off), and from what age an image counts as old. Validated with the API's schema.
"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { EXPOSURE_OLD_IMAGE_MAX_DAYS, EXPOSURE_OLD_IMAGE_MIN_DAYS, EXPOSURE_SCAN_MAX_HOURS, type Settings } from "@/lib/settings/schemas";
import { useSettingsSave } from "./use-settings-save";

const HOURS = "exposureScanIntervalHours";
const DAYS = "exposureOldImageDays";
type Values = Pick<Settings, typeof HOURS | typeof DAYS>;

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

export function ExposureScansSection({ initial }: { initial: Values }) {
  const [hours, setHours] = useState(String(initial[HOURS]));
  const [days, setDays] = useState(String(initial[DAYS]));
  const [saved, setSaved] = useState<Values>({ [HOURS]: initial[HOURS], [DAYS]: initial[DAYS] });
  const { errors, problem, pending, clearErrors, save: store } = useSettingsSave();
  const dirty = hours !== String(saved[HOURS]) || days !== String(saved[DAYS]);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void store({ [HOURS]: num(hours), [DAYS]: num(days) }, (next) => {
      setSaved({ [HOURS]: next[HOURS], [DAYS]: next[DAYS] });
      setHours(String(next[HOURS]));
      setDays(String(next[DAYS]));
      return next[HOURS] === 0 ? "Scheduled exposure scans are off" : `Homeport scans the lab every ${next[HOURS]} h`;
    });
  };
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    clearErrors();
  };

  return (
    <Card aria-labelledby="exposure-scans-title" id="exposure-scans">
      <CardHeader
        id="exposure-scans-title"
        title="Exposure scans"
        description={
          <>
            Homeport scans its own hosts the way an attacker would, on its own every so many hours after the last scan (a missed one runs once when Homeport is back), and opens an incident for a new
            critical finding. Only hosts Homeport manages are scanned. Reports are on <Link href="/proving" className="underline">Proving ground</Link>.
          </>
        }
      />
      <CardBody>
        <form onSubmit={save} noValidate className="flex max-w-xl flex-wrap items-end gap-4">
          {problem && <Alert tone="error">{problem}</Alert>}
          <Field id={HOURS} label="Scan every (hours)" hint={`0 turns scheduled scans off; otherwise 1 to ${EXPOSURE_SCAN_MAX_HOURS} hours.`} error={errors[HOURS]} className="grow">
            <Input id={HOURS} type="number" inputMode="numeric" min={0} max={EXPOSURE_SCAN_MAX_HOURS} step={1} value={hours} invalid={!!errors[HOURS]} aria-describedby={describedBy(HOURS, { hint: true, error: errors[HOURS] })} onChange={edit(setHours)} />
          </Field>
          <Field id={DAYS} label="Old image after (days)" hint={`A running image built longer ago than this is reported (low). ${EXPOSURE_OLD_IMAGE_MIN_DAYS} to ${EXPOSURE_OLD_IMAGE_MAX_DAYS} days.`} error={errors[DAYS]} className="grow">
            <Input id={DAYS} type="number" inputMode="numeric" min={EXPOSURE_OLD_IMAGE_MIN_DAYS} max={EXPOSURE_OLD_IMAGE_MAX_DAYS} step={1} value={days} invalid={!!errors[DAYS]} aria-describedby={describedBy(DAYS, { hint: true, error: errors[DAYS] })} onChange={edit(setDays)} />
          </Field>
          <Button type="submit" loading={pending} disabled={!dirty}>
            Save
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
