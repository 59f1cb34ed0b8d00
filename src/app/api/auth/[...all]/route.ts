import { toNextJsHandler } from "better-auth/next-js";
import { withApiRoute } from "~/server/api-route";
import { auth } from "~/server/auth";
import { AUTH_MAX_BODY_BYTES } from "~/server/request-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handlers = toNextJsHandler(auth);

export const GET = withApiRoute({ route: "auth", maxBodyBytes: AUTH_MAX_BODY_BYTES }, handlers.GET);
export const POST = withApiRoute({ route: "auth", maxBodyBytes: AUTH_MAX_BODY_BYTES }, handlers.POST);
