/**
 * Sessions from Better Auth's signed cookie cache: a request carrying a fresh cache cookie reads no
 * session or user row; signing out refuses the browser's cookies at once; a session deleted in the
 * database (revoked elsewhere) is accepted until the cache cookie lapses and refused after. Requests go
 * through `auth.handler` (the /api/auth route) and the tRPC route handler itself.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handleTrpcRequest as trpcGet } from "~/trpc/http-handler";
import { env } from "~/env";
import { auth } from "~/server/auth";
import { db, onQuery } from "~/server/db";
import { whenClosedAccountsKnown } from "~/server/live/live-hub";
import { authPost, signUp } from "@test/auth-session";
import { resolveSession } from "./context";

/** The SQL the app sends while `work` runs (this file runs alone, so everything seen is ours). */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = onQuery(({ query }) => seen.push(query));
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}
const touchesSessionOrUser = (sql: string) => /"(Session|User)"/.test(sql);

beforeAll(async () => {
  // Steady state: the process's closed-accounts list is loaded, so a cache hit asks memory, not the database.
  await whenClosedAccountsKnown();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("session cookie cache", () => {
  it("a request with no cookie is anonymous without asking Better Auth; one with cookies still asks it", async () => {
    const getSession = vi.spyOn(auth.api, "getSession");
    try {
      expect(await resolveSession(new Headers())).toEqual({ session: null, setCookies: [] });
      expect(getSession).not.toHaveBeenCalled();
      // A cookie header this process never accepted (here: not a session at all) goes to Better Auth.
      expect((await resolveSession(new Headers({ cookie: "theme=dark" }))).session).toBeNull();
      expect(getSession).toHaveBeenCalledTimes(1);
    } finally {
      getSession.mockRestore();
    }
  });

  it("signing up sets the cache cookie, and a request with it reads no session or user row", async () => {
    const { jar, email } = await signUp();
    expect(jar.names().some((name) => name.endsWith("session_data"))).toBe(true);

    let resolved: Awaited<ReturnType<typeof resolveSession>> | undefined;
    const statements = await statementsDuring(async () => {
      resolved = await resolveSession(jar.headers());
    });
    expect(resolved?.session?.user.email).toBe(email);
    expect(resolved?.session?.user.role).toBe("user");
    expect(statements).toEqual([]);

    // The whole tRPC request: the only statements are the procedure's own, none reads Session or User.
    const viaRoute = await statementsDuring(async () => {
      const response = await trpcGet(
        new Request(new URL("/api/trpc/notifications.unreadCount", env.APP_URL), { headers: jar.headers() }),
      );
      expect(response.status).toBe(200);
      await response.text();
    });
    expect(viaRoute.length).toBeGreaterThan(0);
    expect(viaRoute.filter(touchesSessionOrUser)).toEqual([]);
  });

  it("a cookie header accepted once is answered without Better Auth until its cache cookie lapses", async () => {
    const { jar } = await signUp();
    const getSession = vi.spyOn(auth.api, "getSession");
    try {
      const first = await resolveSession(jar.headers());
      const again = await resolveSession(jar.headers());
      expect(again.session).toEqual(first.session);
      expect(getSession).toHaveBeenCalledTimes(1);
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (env.SESSION_COOKIE_CACHE_SECONDS + 1) * 1000 });
      await resolveSession(jar.headers());
      expect(getSession).toHaveBeenCalledTimes(2);
    } finally {
      getSession.mockRestore();
    }
  });

  it("without the cache cookie the session is read once and the tRPC response sets a new cache cookie", async () => {
    const { jar } = await signUp();
    const tokenOnly = jar.without("session_data");
    const statements = await statementsDuring(async () => {
      const response = await trpcGet(
        new Request(new URL("/api/trpc/notifications.unreadCount", env.APP_URL), { headers: tokenOnly.headers() }),
      );
      expect(response.status).toBe(200);
      tokenOnly.apply(response);
    });
    expect(statements.filter(touchesSessionOrUser).length).toBeGreaterThan(0);
    expect(tokenOnly.names().some((name) => name.endsWith("session_data"))).toBe(true);
    expect(await statementsDuring(() => resolveSession(tokenOnly.headers()))).toEqual([]);
  });

  it("signing out refuses the browser's cookies at once", async () => {
    const { jar } = await signUp();
    const copiedBeforeSignOut = jar.without("no-such-cookie");
    const signedOut = await authPost("/sign-out", {}, jar.headers());
    expect(signedOut.status).toBe(200);
    jar.apply(signedOut);
    expect(jar.names().filter((name) => name.includes("session"))).toEqual([]);
    expect((await resolveSession(jar.headers())).session).toBeNull();
    const route = await trpcGet(
      new Request(new URL("/api/trpc/notifications.unreadCount", env.APP_URL), { headers: jar.headers() }),
    );
    expect(route.status).toBe(401);

    // The documented limit: a copy of the cookies taken before signing out still carries a signed cache
    // entry, accepted until it lapses (as for a session revoked elsewhere, below).
    expect((await resolveSession(copiedBeforeSignOut.headers())).session).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (env.SESSION_COOKIE_CACHE_SECONDS + 1) * 1000 });
    expect((await resolveSession(copiedBeforeSignOut.headers())).session).toBeNull();
  });

  it("a session deleted in the database is accepted within the cache age and refused after it", async () => {
    const { jar } = await signUp();
    const { session } = await resolveSession(jar.headers());
    expect(session).not.toBeNull();
    await db.session.delete({ where: { id: session!.sessionId } });

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (env.SESSION_COOKIE_CACHE_SECONDS - 5) * 1000 });
    expect((await resolveSession(jar.headers())).session?.sessionId).toBe(session!.sessionId);

    vi.setSystemTime(Date.now() + 10_000);
    const after = await resolveSession(jar.headers());
    expect(after.session).toBeNull();
    // Better Auth also tells the browser to drop both cookies.
    expect(after.setCookies.some((cookie) => /session_token=;/.test(cookie))).toBe(true);
  });
});
