// GET/POST /api/websub/youtube?channel_id=UC… — the WebSub hub's intent checks and push notifications.
import { handleWebSubRequest } from "~/lib/sync/websub-endpoint";
import { withApiRoute } from "~/server/api-route";
import { logger } from "~/server/logger";
import { WEBSUB_MAX_BODY_BYTES } from "~/server/request-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const deps = { logger: logger.child({ route: "websub" }) };

const route = { route: "websub", maxBodyBytes: WEBSUB_MAX_BODY_BYTES };

export const GET = withApiRoute(route, (request) => handleWebSubRequest(request, deps));
export const POST = withApiRoute(route, (request) => handleWebSubRequest(request, deps));
