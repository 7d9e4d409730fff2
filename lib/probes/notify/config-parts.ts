// zod pieces the channel kinds' config schemas share: destinations the shared address guard allows
// and Homeport's own address for links. Browser-safe.
import { z } from "zod";
import { knownAdminEndpoints } from "@/lib/net/admin-endpoints";
import { urlRefusal } from "../engine/safety";

/** An http(s) URL the shared address guard allows; the issue is the guard's own reason. */
export const SafeUrlSchema = z.string().trim().max(2048).superRefine((u, ctx) => {
  const refusal = urlRefusal(u, knownAdminEndpoints());
  if (refusal) ctx.addIssue({ code: "custom", message: refusal });
});

/** Homeport's own address as phones reach it: incident notifications link to its /check-in page. */
export const AppUrlSchema = SafeUrlSchema.optional().describe("Homeport's address as your phone reaches it, e.g. https://homeport.home.example; notifications then open its check-in page");

/** The form field of AppUrlSchema (webhook and ntfy). */
export const APP_URL_FIELD = {
  key: "appUrl",
  type: "url",
  label: "Homeport's address (for links)",
  placeholder: "https://homeport.home.example",
  help: "As your phone reaches Homeport; notifications then open its check-in page.",
  required: false,
} as const;

/** A config value as text, for summaries. */
export const text = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");
