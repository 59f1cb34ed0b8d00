// GET/POST /api/trpc/<path>[,<path>…] — the tRPC API (src/trpc/http-handler.ts).
import type { NextApiRequest, NextApiResponse } from "next";
import { serveWebHandler } from "~/server/serve-web-handler";
import { handleTrpcRequest, TRPC_METHODS } from "~/trpc/http-handler";

/**
 * A Pages Router API route rather than an App Router route handler, for what Next does per request: a
 * route handler gets a NextRequest, request and work stores, a patched fetch and a cache context, and its
 * Response is piped back through web streams; here Next hands over Node's request and response, and
 * serveWebHandler makes the Request tRPC reads. Measured on the same build and process, alternating: 0.48
 * ms less web CPU per tRPC request (1.69 → 1.21 ms for system.features), and an open live stream no longer
 * holds a route handler's request machinery (docs/architecture.md, "Why the tRPC route is a Pages API route").
 * The body parser is off (the handler caps and reads the body itself, after the session check), answers
 * may be streams of any length, and the handler always answers (externalResolver).
 */
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default async function trpcApiRoute(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  if (!TRPC_METHODS.has(req.method ?? "")) {
    res.setHeader("allow", [...TRPC_METHODS].join(", "));
    res.status(405).end();
    return;
  }
  await serveWebHandler(req, res, handleTrpcRequest);
}
