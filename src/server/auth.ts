/**
 * The Better Auth instance (sign-in identities and sessions) on our Prisma schema. Framework-free so the
 * worker and tests can import it; the Next route handler lives in src/app/api/auth/[...all]/route.ts.
 * "Sign in with Google" asks only for openid/email/profile. YouTube access is a separate grant, made by
 * Connect YouTube and stored in YouTubeConnection (docs/design.md#data-model) — signing in never grants it.
 * Google is configured as a generic OAuth provider so its endpoints come from env: real Google, or the
 * emulator in demo mode.
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins";
import { randomUUID } from "node:crypto";
import { env } from "~/env";
import { db } from "~/server/db";
import { isAccountClosed } from "~/server/live/live-hub";

const googleSignIn =
  env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
    ? [
        genericOAuth({
          config: [
            {
              providerId: "google",
              name: "Google",
              clientId: env.GOOGLE_CLIENT_ID,
              clientSecret: env.GOOGLE_CLIENT_SECRET,
              authorizationUrl: env.GOOGLE_AUTHORIZE_URL,
              tokenUrl: env.GOOGLE_TOKEN_URL,
              userInfoUrl: env.GOOGLE_USERINFO_URL,
              scopes: ["openid", "email", "profile"],
              pkce: true,
              prompt: "select_account",
            },
          ],
        }),
      ]
    : [];

/** localhost and 127.0.0.1 are the same machine to a developer; accept both spellings of APP_URL. */
function trustedOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  const twin = { localhost: "127.0.0.1", "127.0.0.1": "localhost" }[url.hostname];
  if (!twin) return [url.origin];
  const other = new URL(appUrl);
  other.hostname = twin;
  return [url.origin, other.origin];
}

export const auth = betterAuth({
  appName: "Showreel",
  baseURL: env.APP_URL,
  trustedOrigins: trustedOrigins(env.APP_URL),
  secret: env.BETTER_AUTH_SECRET,
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
  // Sign-in tokens are stored by Better Auth; keep them encrypted like our own.
  account: { encryptOAuthTokens: true },
  user: {
    additionalFields: {
      handle: { type: "string", required: false, input: false },
      role: { type: "string", required: false, input: false, defaultValue: "user" },
    },
  },
  session: {
    expiresIn: env.SESSION_MAX_AGE_DAYS * 24 * 60 * 60,
    // Slides the row's expiry at most daily. It runs only when the cookie cache below misses (at most
    // once per cache age per browser), which is still far more often than daily.
    updateAge: 60 * 60 * 24,
    /**
     * The session and user, signed into a second cookie, stand in for the session row for
     * SESSION_COOKIE_CACHE_SECONDS: a request with it reads nothing from the database. Sign-out clears
     * both cookies at once; a session deleted elsewhere (another device's sign-out, an admin) is still
     * accepted by a browser holding a fresh cache cookie until it lapses (docs/operations.md, "Sessions").
     * `refreshCache` stays off: it would extend the cookie without ever re-reading the row.
     *
     * A deleted (closed) account is the exception, refused at once: `version` is asked on every cache hit,
     * and for a closed account it never matches what the cookie carries, so Better Auth drops the cache and
     * reads the session row, which the deletion removed. Asking costs no statement while the process's
     * closed-accounts list is current (src/server/live/closed-accounts.ts).
     */
    cookieCache: {
      enabled: true,
      maxAge: env.SESSION_COOKIE_CACHE_SECONDS,
      strategy: "compact",
      version: async (_session, user) => ((await isAccountClosed(user.id)) ? `closed-${randomUUID()}` : "1"),
    },
  },
  // Per client IP. Better Auth's own defaults (3 sign-ups per 10 s) turn away a classroom behind one NAT.
  rateLimit: {
    window: 60,
    max: 200,
    customRules: {
      "/sign-in/email": { window: 60, max: env.AUTH_EMAIL_ATTEMPTS_PER_MINUTE },
      "/sign-up/email": { window: 60, max: env.AUTH_EMAIL_ATTEMPTS_PER_MINUTE },
      // Every page load asks for the session: 200 a minute per IP turned away a classroom behind one NAT
      // (and the e2e suite, which got "We couldn't check whether you're signed in"). It reads no more than
      // the cookie cache and changes nothing; admission control bounds a process's load.
      "/get-session": false,
    },
  },
  advanced: { database: { generateId: () => crypto.randomUUID() } },
  plugins: [...googleSignIn],
  telemetry: { enabled: false },
});

export type AuthSession = NonNullable<Awaited<ReturnType<typeof auth.api.getSession>>>;
