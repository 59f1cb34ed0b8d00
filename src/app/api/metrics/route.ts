// GET /api/metrics — the web process's Prometheus metrics, for the METRICS_TOKEN bearer or an admin session.
import { isAdmin } from "~/lib/account/is-admin";
import { canReadMetrics } from "~/lib/system/can-read-metrics";
import { registerStateGauges } from "~/lib/system/register-state-gauges";
import { withApiRoute } from "~/server/api-route";
import { renderMetrics } from "~/server/metrics";
import { sessionFromHeaders } from "~/trpc/context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

registerStateGauges();

export const GET = withApiRoute({ route: "metrics" }, async (request) => {
  const authorization = request.headers.get("authorization");
  // A bearer here is the metrics token, never a personal access token: only cookies are a session.
  const session = authorization ? null : await sessionFromHeaders(request.headers).catch(() => null);
  // The session's role may be a cached copy: an admin's authority is read from the user row.
  const role = session && (await isAdmin(session.user.id)) ? "admin" : session ? "user" : null;
  if (!canReadMetrics({ authorization, role })) {
    return Response.json(
      { error: "Metrics need the METRICS_TOKEN bearer token or a signed-in admin." },
      { status: 401, headers: { "cache-control": "no-store", "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
