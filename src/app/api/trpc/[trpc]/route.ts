import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { auth } from "~/server/auth";
import { createContext } from "~/trpc/context";
import { appRouter } from "~/trpc/routers/_app";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The origins Better Auth trusts for its own POSTs (the app's, and its localhost/127.0.0.1 twin).
const TRUSTED_ORIGINS: ReadonlySet<string> = new Set(auth.options.trustedOrigins as string[]);

/**
 * CSRF: browsers send Origin with every POST, so a mutation posted from another site (a form, or fetch in
 * no-cors mode with a text/plain body) is refused before its cookie is read. SameSite=Lax cookies already
 * stop most of these; this also covers same-site neighbours and older browsers. Scripts calling with a
 * personal access token send no Origin and pass.
 */
function isCrossOriginPost(req: Request): boolean {
  const origin = req.headers.get("origin");
  return req.method === "POST" && origin !== null && !TRUSTED_ORIGINS.has(origin);
}

async function handler(req: Request): Promise<Response> {
  if (isCrossOriginPost(req)) {
    return Response.json({ error: { message: "Cross-site requests are not allowed.", code: "FORBIDDEN" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext({ headers: req.headers, resHeaders }),
  });
}

export { handler as GET, handler as POST };
