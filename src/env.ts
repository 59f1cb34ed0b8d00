/**
 * The one validated view of the environment. Nothing else in src/ or worker/ reads process.env:
 * next.config.ts imports this (a bad env fails `next build` and `next start`), and worker/main.ts imports it
 * first thing. A missing or bad variable stops start-up with a message naming it. Every variable is
 * documented in .env.example.
 */
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The database `npm run dev` starts when DATABASE_URL is unset (embedded PostgreSQL in .data/pg). */
export const EMBEDDED_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:54329/showreel";

/** Development's session secret; also what `next build` sees when no secret is given (the e2e lane scans for it). */
export const DEV_AUTH_SECRET = "showreel-development-secret-not-for-production-use";

/** The message for a secret a running production process lacks (zod's own says only "expected string"). */
const requiredInProduction = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "required in production" : undefined),
};

const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * Set by Next for the pages it renders while building, and by `npm run build` before Next reads
 * next.config.ts (which Next does before it sets the variable itself).
 */
const NEXT_BUILD_PHASE = "phase-production-build";

/** A running production process demands real secrets; development, tests and the build get working defaults. */
function serverEnvSchema(requiresSecrets: boolean) {
  return {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .default(EMBEDDED_DATABASE_URL),
    /**
     * The app's own pool per process. With pg-boss's (web: 4; worker: 3 + its LISTEN connection) each
     * process holds at most 10 connections by default, so 100 processes fit a 1,000-connection server.
     */
    DATABASE_POOL_MAX: z.coerce.number().int().positive().max(100).default(6),
    /** Prisma query events for onQuery (tests, benchmarks). Unset: on everywhere but NODE_ENV=production. */
    DB_QUERY_EVENTS: z.stringbool().optional(),
    LOG_LEVEL: logLevelSchema.default("info"),
    APP_URL: z.url().default("http://localhost:3000"),
    BETTER_AUTH_SECRET: requiresSecrets
      ? z.string(requiredInProduction).min(32, "must be at least 32 characters")
      : z.string().min(32, "must be at least 32 characters").default(DEV_AUTH_SECRET),
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    /** Bearer token Prometheus sends to the web's /api/metrics; unset → only signed-in admins may read it. */
    METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
    /**
     * Where users write with questions or complaints about privacy, printed on /privacy (read when the page
     * is served, so one build serves every deployment). YouTube API Services Developer Policies III.A.2.i
     * require one before a quota audit.
     */
    PRIVACY_CONTACT_EMAIL: z.email().max(254).optional(),
    /** Email sign-ins and sign-ups per client IP a minute (Better Auth's limiter); the e2e lane, one IP, raises it. */
    AUTH_EMAIL_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),

    // The web tier's per-request costs and limits (docs/operations.md, "Sessions" and "Admission control").
    /**
     * How long a browser's signed session cookie (Better Auth's cookie cache) stands in for the session row.
     * Within it a request reads no session; a session revoked elsewhere is still accepted until it lapses.
     */
    SESSION_COOKIE_CACHE_SECONDS: z.coerce.number().int().min(1).max(300).default(300),
    /** How long a sign-in lasts without use (Better Auth slides it at most daily); the privacy page states it. */
    SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** How long a web process trusts a personal access token it has looked up; 0 looks it up on every request. */
    ACCESS_TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /**
     * API requests one web process works on at once; more are refused with 503 + Retry-After at once. At
     * ≤ 2 ms of CPU each, 256 is about half a second of one core's work: a longer queue could not meet the
     * 200 ms p95 anyway, and refusing lets the client (or the balancer) try again elsewhere.
     */
    WEB_MAX_IN_FLIGHT: z.coerce.number().int().positive().max(100_000).default(256),
    /** Server-sent-event streams one web process holds open (each is a socket and a few KB, mostly idle). */
    WEB_MAX_STREAMS: z.coerce.number().int().positive().max(1_000_000).default(10_000),
    /** The largest tRPC request body a signed-in caller may send; the largest real input is ~100 KB. */
    WEB_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),

    // YouTube Data API and feeds. Base URLs point at the emulator in demo mode and tests.
    YOUTUBE_API_BASE_URL: z.url().default("https://www.googleapis.com"),
    YOUTUBE_FEED_BASE_URL: z.url().default("https://www.youtube.com"),
    YOUTUBE_API_KEY: z.string().min(1).optional(),
    /** Google's default per-project budget; raise it only after Google grants more. */
    YOUTUBE_DAILY_QUOTA: z.coerce.number().int().positive().default(10_000),
    /** Each user's share of the day's budget for their own imports. */
    YOUTUBE_USER_DAILY_QUOTA: z.coerce.number().int().positive().default(2_000),
    /** The share of the project budget background sync may use, so interactive imports keep headroom. */
    SYNC_QUOTA_SHARE: z.coerce.number().gt(0).max(1).default(0.8),
    /**
     * Units a process reserves at once for background work and hands out in process (one statement per
     * block instead of one per call). A crashed process strands at most this many of the day's share.
     */
    QUOTA_LEASE_UNITS: z.coerce.number().int().positive().max(1_000).default(10),
    /** Sockets per Google origin. By Little's law a worker doing 1,700 checks/s needs ~34 in flight at 20 ms and ~255 at 150 ms. */
    YOUTUBE_HTTP_CONNECTIONS: z.coerce.number().int().positive().max(1024).default(256),
    YOUTUBE_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /**
     * A stored My Videos page younger than this is answered from Postgres without calling YouTube; an older
     * one is checked against the channel's feed (no quota) and revalidated with its ETag (1 unit when
     * unchanged) only when the feed changed. Refresh revalidates at any age.
     */
    MY_VIDEOS_MAX_AGE_SECONDS: z.coerce.number().int().positive().max(86_400).default(600),

    // Sync of followed channels (docs/design.md#sync).
    /** Where the WebSub hub can reach this app from the internet. Unset → WebSub is off and polling alone syncs. */
    PUBLIC_URL: z.url().optional(),
    YOUTUBE_WEBSUB_HUB_URL: z.url().default("https://pubsubhubbub.appspot.com/"),
    /** Due channels one claim statement takes; the engine claims again when half its local queue is used. */
    SYNC_CLAIM_BATCH: z.coerce.number().int().positive().max(10_000).default(200),
    /** Channel checks one worker process keeps in flight (each mostly waits on one feed request). */
    SYNC_CHECK_CONCURRENCY: z.coerce.number().int().positive().max(1024).default(256),
    /** A claimed channel whose check is not written back within this is due again (its worker died). */
    SYNC_CLAIM_LEASE_SECONDS: z.coerce.number().int().positive().max(3600).default(120),
    /** Detected video ids wait at most this long for 49 others before sync.enrich looks them up anyway. */
    SYNC_ENRICH_MAX_WAIT_SECONDS: z.coerce.number().int().positive().max(3600).default(30),

    // AI analysis: any OpenAI-compatible chat completions API. Unset → the catalog matcher tags videos.
    AI_BASE_URL: z.url().optional(),
    AI_API_KEY: z.string().min(1).optional(),
    AI_MODEL: z.string().min(1).default("gpt-4o-mini"),
    AI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
    /** Calls per minute across all workers, to stay inside the provider's rate limit. */
    AI_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
    /** Imports larger than this get the matcher first and the AI pass at low priority. */
    AI_ANALYSIS_BULK_THRESHOLD: z.coerce.number().int().min(0).default(10),

    /** Demo mode: YouTube and Google are the local emulator, and "Try the demo" signs in as the demo user. */
    DEMO_MODE: z.stringbool().default(false),

    // Google OAuth (sign-in with Google, and the separate YouTube connection). Unset → demo mode.
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_AUTHORIZE_URL: z.url().default("https://accounts.google.com/o/oauth2/v2/auth"),
    GOOGLE_TOKEN_URL: z.url().default("https://oauth2.googleapis.com/token"),
    GOOGLE_REVOKE_URL: z.url().default("https://oauth2.googleapis.com/revoke"),
    GOOGLE_USERINFO_URL: z.url().default("https://openidconnect.googleapis.com/v1/userinfo"),
    /**
     * 32 bytes, base64: encrypts OAuth tokens at rest (AES-256-GCM). Development derives one from
     * BETTER_AUTH_SECRET; production must set its own.
     */
    TOKEN_ENCRYPTION_KEY: requiresSecrets
      ? z
          .base64(requiredInProduction)
          .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded")
      : z
          .base64()
          .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded")
          .optional(),
  } as const;
}

/** Turns zod issues into one line per variable, so the message names what to fix. */
type PathSegment = PropertyKey | { readonly key: PropertyKey };
function formatEnvIssues(
  issues: readonly { readonly path?: readonly PathSegment[] | undefined; readonly message: string }[],
): string {
  return issues
    .map((issue) => {
      const name = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment));
      return `  ${name.join(".") || "(env)"}: ${issue.message}`;
    })
    .join("\n");
}

/**
 * A build machine has no runtime secrets, and nothing `next build` runs uses them, so the build does not
 * require them; `next start` and the worker parse again at start and refuse to run without them.
 */
function requiresSecrets(runtimeEnv: Record<string, string | undefined>): boolean {
  return runtimeEnv.NODE_ENV === "production" && runtimeEnv.NEXT_PHASE !== NEXT_BUILD_PHASE;
}

export function parseEnv(runtimeEnv: Record<string, string | undefined>) {
  return createEnv({
    server: serverEnvSchema(requiresSecrets(runtimeEnv)),
    runtimeEnv,
    emptyStringAsUndefined: true,
    isServer: true,
    skipValidation: !!runtimeEnv.SKIP_ENV_VALIDATION,
    onValidationError: (issues) => {
      throw new Error(`Invalid environment variables:\n${formatEnvIssues(issues)}`);
    },
  });
}

export const env = parseEnv(process.env);
export type Env = typeof env;
