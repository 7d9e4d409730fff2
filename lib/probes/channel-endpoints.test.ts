// Which channel config changes move the secret's destination (URL; SMTP host, port, TLS).
import { describe, expect, it } from "vitest";
import { movedChannelKeys } from "./schemas";

describe("movedChannelKeys", () => {
  const smtp = { host: "mail.home.example", port: 587, secure: false, from: "a@home.example", to: ["b@home.example"], username: "a" };
  const cases: { desc: string; kind: "webhook" | "ntfy" | "email"; before: Record<string, unknown>; after: Record<string, unknown>; moved: string[] }[] = [
    { desc: "webhook: appUrl only", kind: "webhook", before: { url: "http://192.0.2.20/h" }, after: { url: "http://192.0.2.20/h", appUrl: "https://hp.home.example" }, moved: [] },
    { desc: "webhook: another URL", kind: "webhook", before: { url: "http://192.0.2.20/h" }, after: { url: "http://198.51.100.20/h" }, moved: ["url"] },
    { desc: "ntfy: another topic on the same server", kind: "ntfy", before: { url: "http://ntfy.lan", topic: "a" }, after: { url: "http://ntfy.lan/", topic: "b" }, moved: [] },
    { desc: "email: recipients only", kind: "email", before: smtp, after: { ...smtp, to: ["c@home.example"] }, moved: [] },
    { desc: "email: another server and port", kind: "email", before: smtp, after: { ...smtp, host: "203.0.113.25", port: 25 }, moved: ["host", "port"] },
    { desc: "email: TLS turned off", kind: "email", before: { ...smtp, secure: true, port: 465 }, after: { ...smtp, port: 465 }, moved: ["secure"] },
  ];
  for (const c of cases) it(c.desc, () => expect(movedChannelKeys(c.kind, c.before, c.after)).toEqual(c.moved));
});
