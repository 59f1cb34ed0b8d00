/**
 * A deleted account is refused at once on every path, though its browsers hold a fresh session cookie
 * cache (which alone would keep a revoked session alive for SESSION_COOKIE_CACHE_SECONDS): the tRPC route,
 * Better Auth's own get-session (what pages and the client read), personal access tokens; and it cannot
 * sign in again. The refusal comes from the closed-accounts list that the `account_closed` notification
 * feeds — the same way another web process hears of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTrpcRequest as trpcGet } from "~/trpc/http-handler";
import { env } from "~/env";
import { createAccessToken } from "~/lib/access-tokens/create-access-token";
import { auth } from "~/server/auth";
import { getSenderBoss } from "~/server/boss";
import { db } from "~/server/db";
import { isAccountClosed, whenClosedAccountsKnown } from "~/server/live/live-hub";
import { authPost, signUp, TEST_PASSWORD } from "@test/auth-session";
import { createContextInner, resolveSession } from "./context";
import { createCaller } from "./routers/_app";

beforeAll(async () => {
  await whenClosedAccountsKnown();
});

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
});

const unreadCount = (headers: Headers) =>
  trpcGet(new Request(new URL("/api/trpc/notifications.unreadCount", env.APP_URL), { headers }));

describe("a deleted account", () => {
  it("is refused at once on every path, cookie cache or not, and cannot sign in again", async () => {
    const { jar, email } = await signUp("closed.showreel.local");
    // A second device: its own session and cache cookie.
    const otherDevice = await authPost("/sign-in/email", { email, password: TEST_PASSWORD });
    expect(otherDevice.status).toBe(200);
    const { session } = await resolveSession(jar.headers());
    expect(session).not.toBeNull();
    const userId = session!.user.id;
    const { token } = await createAccessToken({ userId, name: "script" });
    const bearer = new Headers({ authorization: `Bearer ${token}` });
    expect((await resolveSession(bearer)).session?.user.id).toBe(userId);
    expect((await unreadCount(jar.headers())).status).toBe(200);

    await createCaller(createContextInner({ session })).account.delete({ confirmation: email });

    // Delivered through the listener (as in any other web process): measured (milliseconds here), bound loosely for a loaded machine.
    const closedAt = performance.now();
    while (!(await isAccountClosed(userId)) && performance.now() - closedAt < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const heardInMs = Math.round(performance.now() - closedAt);
    expect(heardInMs).toBeLessThan(5_000);
    console.log(`account.closed heard by the listener in ${heardInMs} ms`);

    // The browser that deleted, and the other device, still hold fresh cache cookies: both refused now.
    for (const headers of [
      jar.headers(),
      new Headers({
        cookie: otherDevice.headers
          .getSetCookie()
          .map((line) => line.split(";")[0])
          .join("; "),
      }),
    ]) {
      const resolved = await resolveSession(headers);
      expect(resolved.session).toBeNull();
      // Better Auth tells the browser to drop both cookies.
      expect(resolved.setCookies.some((cookie) => /session_token=;/.test(cookie))).toBe(true);
      expect(await auth.api.getSession({ headers })).toBeNull();
      expect((await unreadCount(headers)).status).toBe(401);
    }
    expect((await resolveSession(bearer)).session).toBeNull();

    const signIn = await authPost("/sign-in/email", { email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(401);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
