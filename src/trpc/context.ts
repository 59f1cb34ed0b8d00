/**
 * The tRPC request context: the signed-in session (or null), a request id, and a child logger carrying
 * both. createContextInner is the HTTP-free part, used by tests and server-side callers.
 */
import { authenticateAccessToken } from "~/lib/access-tokens/authenticate-access-token";
import { auth } from "~/server/auth";
import { isAccountClosed } from "~/server/live/live-hub";
import { logger as rootLogger, type Logger } from "~/server/logger";
import { createSessionMemo } from "~/server/session-memo";

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
/** Cookie headers Better Auth accepted from its cache cookie, until that cookie lapses (src/server/session-memo.ts). */
const acceptedCookies = createSessionMemo<NonNullable<ContextSession>>();

/**
 * The caller's session, and the Set-Cookie headers Better Auth wants sent back: when the browser's
 * session cookie cache has lapsed, the lookup reads the row once and re-issues the cache cookie, and a
 * response that drops that header would leave every later request reading the row again. With a fresh
 * cache cookie this sends no statement at all, and a Cookie header this process has already accepted is
 * not even verified again until its cache cookie lapses; a personal access token costs one lookup per
 * ACCESS_TOKEN_CACHE_SECONDS per process. A closed (deleted) account is refused on every path at once
 * (src/server/live/closed-accounts.ts).
 */
export async function resolveSession(headers: Headers): Promise<{ session: ContextSession; setCookies: string[] }> {
  const bearer = BEARER.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    // A bad token is anonymous, not an error: protected procedures then answer UNAUTHORIZED.
    const user = await authenticateAccessToken({ token: bearer });
    // A closed account's tokens are deleted, but other processes may remember one for a while.
    if (!user || (await isAccountClosed(user.id))) return { session: null, setCookies: [] };
    const { tokenId, ...sessionUser } = user;
    return { session: { user: sessionUser, sessionId: `token:${tokenId}`, via: "token" }, setCookies: [] };
  }
  const cookieHeader = headers.get("cookie");
  // No cookie, no session. Better Auth would run its endpoint pipeline to say so: 0.06–0.13 ms of a public
  // call's 0.7–1.0 ms of web CPU (docs/architecture.md, "The web request path").
  if (!cookieHeader) return { session: null, setCookies: [] };
  const remembered = acceptedCookies.get(cookieHeader);
  // A remembered header of an account closed since is handed to Better Auth, which refuses it and clears the cookies.
  if (remembered && !(await isAccountClosed(remembered.user.id))) return { session: remembered, setCookies: [] };
  const { headers: authHeaders, response: result } = await auth.api.getSession({ headers, returnHeaders: true });
  const setCookies = authHeaders.getSetCookie();
  if (!result) return { session: null, setCookies };
  const { user, session } = result;
  // Frozen: a remembered session is shared by every later request with the same cookies.
  const contextSession: NonNullable<ContextSession> = Object.freeze({
    sessionId: session.id,
    via: "cookie" as const,
    user: Object.freeze({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role === "admin" ? ("admin" as const) : ("user" as const),
    }),
  });
  if (cookieHeader && setCookies.length === 0)
    acceptedCookies.remember(cookieHeader, contextSession, new Date(session.expiresAt));
  return { session: contextSession, setCookies };
}

export async function sessionFromHeaders(headers: Headers): Promise<ContextSession> {
  return (await resolveSession(headers)).session;
}

export async function createContext(options: {
  headers: Headers;
  resHeaders?: Headers;
  /** Already resolved by the caller (the tRPC route resolves it before reading a body). */
  resolved?: { session: ContextSession; setCookies: string[] };
}): Promise<Context> {
  const requestId = options.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  const { session, setCookies } = options.resolved ?? (await resolveSession(options.headers));
  for (const cookie of setCookies) options.resHeaders?.append("set-cookie", cookie);
  return createContextInner({
    session,
    requestId,
    ...(options.resHeaders ? { resHeaders: options.resHeaders } : {}),
  });
}
