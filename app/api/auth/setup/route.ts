import { publicRoute, json, parseBody, sessionCookie } from "@/lib/api";
import { assertSameOrigin, SetupSchema, setupAdmin } from "@/lib/auth";

export const POST = publicRoute(async ({ req, db, meta }) => {
  assertSameOrigin(req);
  const { token, session } = await setupAdmin(db, await parseBody(req, SetupSchema), meta);
  return json({ username: session.username }, 201, {
    "set-cookie": sessionCookie(token, (session.expiresAt.getTime() - Date.now()) / 1000, meta.secure),
  });
});
