// GET /api/live — liveness: the process answers, without touching the database. An orchestrator restarts a
// process whose liveness fails, and a database outage must not restart every web process (that is what
// /api/ready, which checks the database, takes the process out of rotation for).
import { withApiRoute } from "~/server/api-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiRoute({ route: "live", admission: false }, () =>
  Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }),
);
