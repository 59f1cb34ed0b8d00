/**
 * The Better Auth instance (sign-in identities and sessions) on our Prisma schema. Framework-free so the
 * worker and tests can import it; the Next route handler lives in src/app/api/auth/[...all]/route.ts.
 * YouTube access is not here: it is a separate grant stored in YouTubeConnection (DESIGN.md §2).
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { env } from "~/env";
import { db } from "~/server/db";

export const auth = betterAuth({
  appName: "Showreel",
  baseURL: env.APP_URL,
  secret: env.BETTER_AUTH_SECRET,
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
  user: {
    additionalFields: {
      handle: { type: "string", required: false, input: false },
      role: { type: "string", required: false, input: false, defaultValue: "user" },
    },
  },
  session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
  advanced: { database: { generateId: () => crypto.randomUUID() } },
  telemetry: { enabled: false },
});

export type AuthSession = NonNullable<Awaited<ReturnType<typeof auth.api.getSession>>>;
