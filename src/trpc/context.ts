/**
 * The tRPC request context: the signed-in session (or null), a request id, and a child logger carrying
 * both. createContextInner is the HTTP-free part, used by tests and server-side callers.
 */
import { authenticateAccessToken } from "~/lib/access-tokens/authenticate-access-token";
import { auth } from "~/server/auth";
import { logger as rootLogger, type Logger } from "~/server/logger";

export type SessionUser = { id: string; email: string; name: string; role: "user" | "admin" };
/** `via` tells a browser session from a personal access token (scripts using the typed client). */
export type ContextSession = { user: SessionUser; sessionId: string; via?: "cookie" | "token" } | null;

export type Context = {
  session: ContextSession;
  requestId: string;
  logger: Logger;
  /** Response headers of the fetch adapter (Retry-After); absent in server-side callers. */
  resHeaders: Headers | undefined;
};

/** The context without HTTP: what tests and server components use through createCaller. */
export function createContextInner(options: {
  session: ContextSession;
  requestId?: string;
  resHeaders?: Headers;
}): Context {
  const requestId = options.requestId ?? crypto.randomUUID();
  return {
    session: options.session,
    requestId,
    resHeaders: options.resHeaders,
    logger: rootLogger.child({ requestId, userId: options.session?.user.id }),
  };
}

const BEARER = /^Bearer\s+(\S+)$/i;

export async function sessionFromHeaders(headers: Headers): Promise<ContextSession> {
  const bearer = BEARER.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    // A bad token is anonymous, not an error: protected procedures then answer UNAUTHORIZED.
    const user = await authenticateAccessToken({ token: bearer });
    if (!user) return null;
    const { tokenId, ...sessionUser } = user;
    return { user: sessionUser, sessionId: `token:${tokenId}`, via: "token" };
  }
  const result = await auth.api.getSession({ headers });
  if (!result) return null;
  const { user, session } = result;
  return {
    sessionId: session.id,
    via: "cookie",
    user: { id: user.id, email: user.email, name: user.name, role: user.role === "admin" ? "admin" : "user" },
  };
}

export async function createContext(options: { headers: Headers; resHeaders?: Headers }): Promise<Context> {
  const requestId = options.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  return createContextInner({
    session: await sessionFromHeaders(options.headers),
    requestId,
    ...(options.resHeaders ? { resHeaders: options.resHeaders } : {}),
  });
}
