// POST /api/v1/agents/enroll — a new agent spends its one-time token for an identity (public:
// the token is the credential).
import { publicRoute, json, parseBody } from "@/lib/api";
import { EnrollRequestSchema, exchangeEnrollmentToken } from "@/lib/agents";

export const POST = publicRoute(async ({ req, db, meta }) => json(await exchangeEnrollmentToken(db, await parseBody(req, EnrollRequestSchema), meta), 201));
