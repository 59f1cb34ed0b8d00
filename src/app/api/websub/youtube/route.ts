// GET/POST /api/websub/youtube?channel_id=UC… — the WebSub hub's intent checks and push notifications.
import { handleWebSubRequest } from "~/lib/sync/websub-endpoint";
import { logger } from "~/server/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const deps = { logger: logger.child({ route: "websub" }) };

export const GET = (request: Request) => handleWebSubRequest(request, deps);
export const POST = (request: Request) => handleWebSubRequest(request, deps);
