// GET /api/youtube/callback — Google's redirect back after consent; stores the connection, then 302 to settings.
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { env } from "~/env";
import { lazyJobSender } from "~/lib/jobs/enqueue";
import { completeYouTubeConnect } from "~/lib/youtube-connection/complete-connect";
import { CONNECT_FLOW_COOKIE } from "~/lib/youtube-connection/start-connect";
import { withApiRoute } from "~/server/api-route";
import { auth } from "~/server/auth";
import { getSenderBoss } from "~/server/boss";
import { logger } from "~/server/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The web's sender, started only when the flow queues something (a revocation, resumed imports). */
const jobs = lazyJobSender(getSenderBoss);

export const GET = withApiRoute({ route: "youtube/callback" }, async (request) => {
  const session = await auth.api.getSession({ headers: request.headers });
  if (!session) return NextResponse.redirect(new URL("/sign-in?next=/settings", env.APP_URL));
  const jar = await cookies();
  const flowCookie = jar.get(CONNECT_FLOW_COOKIE)?.value;
  // The flow is single-use whatever happens next: a replayed callback finds no cookie.
  jar.delete({ name: CONNECT_FLOW_COOKIE, path: "/api/youtube" });
  const url = new URL(request.url);
  const outcome = await completeYouTubeConnect({
    userId: session.user.id,
    flowCookie,
    query: Object.fromEntries(["code", "state", "error"].map((key) => [key, url.searchParams.get(key) ?? undefined])),
    redirectUri: new URL("/api/youtube/callback", env.APP_URL).toString(),
    jobs,
    logger: logger.child({ userId: session.user.id, route: "youtube.callback" }),
  });
  const target = new URL("/settings", env.APP_URL);
  if (outcome.ok) target.searchParams.set("youtube", "connected");
  else target.searchParams.set("youtube_error", outcome.error);
  return NextResponse.redirect(target);
});
