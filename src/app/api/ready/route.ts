// GET /api/ready — readiness: the database answers and pg-boss is installed, so requests can enqueue work.
import { checkReadiness } from "~/lib/system/check-health";
import { withApiRoute } from "~/server/api-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiRoute({ route: "ready", admission: false }, async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
