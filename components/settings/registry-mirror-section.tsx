// Registry mirror (admins): a LAN pull-through registry that agents pull Docker Hub images through,
// so images come from the internet once and are there when it is gone. Validated with the API's schema.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { type Settings } from "@/lib/settings/schemas";
import { useSettingsSave } from "./use-settings-save";

const FIELD = "registryMirror";

export function RegistryMirrorSection({ initial }: { initial: Pick<Settings, "registryMirror"> }) {
  const [value, setValue] = useState(initial.registryMirror ?? "");
  const [saved, setSaved] = useState(initial.registryMirror);
  const { errors, problem, pending, clearErrors, save: send } = useSettingsSave();

  const store = (next: string | null) =>
    send({ registryMirror: next }, (res) => {
      setSaved(res.registryMirror);
      setValue(res.registryMirror ?? "");
      return res.registryMirror ? `Docker Hub images are now pulled through ${res.registryMirror}` : "Images are pulled from their registries directly";
    });

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void store(value.trim() === "" ? null : value);
  };

  return (
    <Card aria-labelledby="mirror-title" data-testid="registry-mirror-section">
      <CardHeader
        id="mirror-title"
        title="Registry mirror"
        description="A pull-through cache on your LAN (such as the registry:2 image in proxy mode). Agents pull Docker Hub images through it, so each image comes from the internet once and is there when the internet is gone. Images of other registries are pulled directly; if the mirror cannot be reached, the agent pulls directly and the deploy log says so."
      />
      <CardBody className="space-y-3">
        <form onSubmit={save} noValidate className="flex max-w-xl flex-wrap items-end gap-3">
          {problem && <Alert tone="error">{problem}</Alert>}
          <Field
            id={FIELD}
            label="Mirror (host:port)"
            hint={saved ? `Now: ${saved}. Leave empty to pull directly.` : "Not set: every image is pulled from its own registry."}
            error={errors[FIELD]}
            className="grow"
          >
            <Input
              id={FIELD}
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="192.168.1.5:5000"
              value={value}
              invalid={!!errors[FIELD]}
              aria-describedby={describedBy(FIELD, { hint: true, error: errors[FIELD] })}
              onChange={(e) => {
                setValue(e.target.value);
                clearErrors();
              }}
            />
          </Field>
          <Button type="submit" loading={pending} disabled={value.trim() === (saved ?? "")}>
            Save
          </Button>
          {saved && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => void store(null)}>
              Stop using it
            </Button>
          )}
        </form>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Docker talks plain HTTP only to loopback and to registries it lists as insecure. For a mirror on the LAN, either add it to{" "}
          <code className="font-mono text-xs">insecure-registries</code> in each host&apos;s <code className="font-mono text-xs">/etc/docker/daemon.json</code>, or serve it
          over TLS and put its CA at <code className="font-mono text-xs break-all">/etc/docker/certs.d/&lt;host:port&gt;/ca.crt</code> on each host.
        </p>
      </CardBody>
    </Card>
  );
}
