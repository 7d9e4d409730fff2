// Users (admin only): the list and creating one (with a typed or generated initial password).
import { route, json, parseBody } from "@/lib/api";
import { createUser, CreateUserSchema, listUsers, userAdminActor } from "@/lib/auth";

export const GET = route("admin", async ({ db }) => json({ items: await listUsers(db), nextCursor: null }));

export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createUser(db, userAdminActor(actor), await parseBody(req, CreateUserSchema), meta), 201),
);
