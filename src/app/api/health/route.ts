// GET /api/health — liveness plus a database round trip; 503 when the database does not answer.
import { checkHealth } from "~/lib/system/check-health";
import { withApiRoute } from "~/server/api-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiRoute({ route: "health", admission: false }, async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
