import { publicRoute, json, parseBody, sessionCookie } from "@/lib/api";
import { assertSameOrigin, login, LoginSchema } from "@/lib/auth";

export const POST = publicRoute(async ({ req, db, meta }) => {
  assertSameOrigin(req);
  const { token, session } = await login(db, await parseBody(req, LoginSchema), meta);
  return json({ username: session.username }, 200, {
    "set-cookie": sessionCookie(token, (session.expiresAt.getTime() - Date.now()) / 1000, meta.secure),
  });
});
