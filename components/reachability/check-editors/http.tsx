// The HTTP(S) check's editor: URL, method, accepted statuses, keyword, redirects and TLS checks.
// One editor writes both engine types: an https:// URL makes an "https" check.
"use client";

import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { urlRefusal } from "@/lib/probes/engine/safety";
import { Check, NumberField, fields, num, opt, str } from "./controls";
import { defineCheckEditor, type CheckEditorProps } from "./types";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
const isMethod = (v: unknown): v is HttpMethod => HTTP_METHODS.some((m) => m === v);

export type HttpModel = {
  url: string;
  method: HttpMethod;
  statusMin: string;
  statusMax: string;
  keyword: string;
  followRedirects: boolean;
  maxRedirects: string;
  verifyTls: boolean;
  tlsMinDaysValid: string;
};

/** The URL's scheme picks the check type: https:// → "https", anything else → "http" (the schema says why it is wrong). */
export function httpType(url: string): "http" | "https" {
  return url.trim().toLowerCase().startsWith("https:") ? "https" : "http";
}

function HttpFields({ model, errors, update, readOnly = false }: CheckEditorProps<HttpModel>) {
  const e = (k: string) => errors[`target.${k}`];
  const statusError = e("expectStatus") ?? e("expectStatus.min") ?? e("expectStatus.max");
  return (
    <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
      <Field id="check-url" label="URL" className="sm:col-span-2" error={e("url") ?? errors.type} hint="http:// or https://; an https:// URL also reports the certificate's expiry and issuer.">
        <Input id="check-url" type="url" inputMode="url" autoComplete="off" spellCheck={false} className="font-mono" placeholder="https://app.home.example/health" value={model.url} disabled={readOnly} invalid={!!(e("url") ?? errors.type)} aria-describedby={describedBy("check-url", { hint: true, error: e("url") ?? errors.type })} onChange={(ev) => update({ url: ev.target.value })} />
      </Field>
      <Field id="check-method" label="Method" error={e("method")}>
        <Select id="check-method" value={model.method} disabled={readOnly} onChange={(ev) => update({ method: isMethod(ev.target.value) ? ev.target.value : "GET" })}>
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Expected status</legend>
        <div className="flex items-center gap-2">
          <Input id="check-status-min" aria-label="Lowest accepted status" type="number" inputMode="numeric" min={100} max={599} value={model.statusMin} disabled={readOnly} invalid={!!(e("expectStatus") ?? e("expectStatus.min"))} aria-describedby="check-status-error" onChange={(ev) => update({ statusMin: ev.target.value })} />
          <span className="text-sm text-zinc-500 dark:text-zinc-400" aria-hidden>
            to
          </span>
          <Input id="check-status-max" aria-label="Highest accepted status" type="number" inputMode="numeric" min={100} max={599} value={model.statusMax} disabled={readOnly} invalid={!!(e("expectStatus") ?? e("expectStatus.max"))} aria-describedby="check-status-error" onChange={(ev) => update({ statusMax: ev.target.value })} />
        </div>
        {statusError && (
          <p id="check-status-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {statusError}
          </p>
        )}
      </fieldset>
      <Field id="check-keyword" label="Keyword" optional className="sm:col-span-2" error={e("keyword")} hint="Text the response body must contain.">
        <Input id="check-keyword" autoComplete="off" value={model.keyword} disabled={readOnly} invalid={!!e("keyword")} aria-describedby={describedBy("check-keyword", { hint: true, error: e("keyword") })} onChange={(ev) => update({ keyword: ev.target.value })} />
      </Field>
      <Check id="check-follow" label="Follow redirects" error={e("followRedirects")} checked={model.followRedirects} disabled={readOnly} onChange={(followRedirects) => update({ followRedirects })} hint="Every hop is checked against the same safety rules." />
      {model.followRedirects && <NumberField id="check-max-redirects" label="At most redirects" min={0} max={10} value={model.maxRedirects} disabled={readOnly} error={e("maxRedirects")} onChange={(maxRedirects) => update({ maxRedirects })} />}
      <Check id="check-verify" label="Verify the TLS certificate" error={e("verifyTls")} checked={model.verifyTls} disabled={readOnly} onChange={(verifyTls) => update({ verifyTls })} hint="Turn off for self-signed or internal CAs; expiry is still reported." />
      <NumberField id="check-tls-days" label="Warn days before expiry" min={0} max={365} value={model.tlsMinDaysValid} disabled={readOnly} error={e("tlsMinDaysValid")} hint="Fail when the certificate expires in fewer days (0 = only when expired)." onChange={(tlsMinDaysValid) => update({ tlsMinDaysValid })} />
    </div>
  );
}

export const httpEditor = defineCheckEditor<"http", HttpModel>({
  kind: "http",
  label: "HTTP(S)",
  types: ["http", "https"],
  defaults: { url: "", method: "GET", statusMin: "200", statusMax: "399", keyword: "", followRedirects: true, maxRedirects: "5", verifyTls: true, tlsMinDaysValid: "0" },
  errorPaths: {
    url: ["target.url", "type"],
    method: ["target.method"],
    statusMin: ["target.expectStatus"],
    statusMax: ["target.expectStatus"],
    keyword: ["target.keyword"],
    followRedirects: ["target.followRedirects"],
    maxRedirects: ["target.maxRedirects"],
    verifyTls: ["target.verifyTls"],
    tlsMinDaysValid: ["target.tlsMinDaysValid"],
  },
  fromTarget(t) {
    const status = fields(t.expectStatus);
    return {
      url: str(t.url),
      method: isMethod(t.method) ? t.method : "GET",
      statusMin: str(status.min, "200"),
      statusMax: str(status.max, "399"),
      keyword: str(t.keyword),
      followRedirects: t.followRedirects !== false,
      maxRedirects: str(t.maxRedirects, "5"),
      verifyTls: t.verifyTls !== false,
      tlsMinDaysValid: str(t.tlsMinDaysValid, "0"),
    };
  },
  toSpec: (m) => ({
    type: httpType(m.url),
    target: {
      url: m.url.trim(),
      method: m.method,
      expectStatus: { min: num(m.statusMin) as number, max: num(m.statusMax) as number },
      keyword: opt(m.keyword),
      followRedirects: m.followRedirects,
      maxRedirects: num(m.maxRedirects),
      verifyTls: m.verifyTls,
      tlsMinDaysValid: num(m.tlsMinDaysValid),
    },
  }),
  refusal: (m) => (m.url.trim() === "" ? null : urlRefusal(m.url.trim())),
  Fields: HttpFields,
  example: { url: "https://app.home.example/", keyword: "ok" },
});
