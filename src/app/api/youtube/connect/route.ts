// GET /api/youtube/connect — starts Connect YouTube (also used to reconnect): a 302 to Google's consent page.
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { env } from "~/env";
import { isAppError } from "~/lib/errors";
import { CONNECT_FLOW_COOKIE, CONNECT_FLOW_TTL_MS, startYouTubeConnect } from "~/lib/youtube-connection/start-connect";
import { withApiRoute } from "~/server/api-route";
import { auth } from "~/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiRoute({ route: "youtube/connect" }, async (request) => {
  const session = await auth.api.getSession({ headers: request.headers });
  if (!session) return NextResponse.redirect(new URL("/sign-in?next=/settings", env.APP_URL));
  try {
    const { authorizeUrl, flowCookie } = startYouTubeConnect({
      userId: session.user.id,
      redirectUri: new URL("/api/youtube/callback", env.APP_URL).toString(),
    });
    (await cookies()).set(CONNECT_FLOW_COOKIE, flowCookie, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.APP_URL.startsWith("https://"),
      path: "/api/youtube",
      maxAge: Math.floor(CONNECT_FLOW_TTL_MS / 1000),
    });
    return NextResponse.redirect(authorizeUrl);
  } catch (error) {
    if (isAppError(error)) return NextResponse.redirect(new URL("/settings?youtube_error=not_configured", env.APP_URL));
    throw error;
  }
});
