// GET /api/health — liveness plus a database round trip; 503 when the database does not answer.
import { checkHealth } from "~/lib/system/check-health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
