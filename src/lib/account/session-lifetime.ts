/**
 * How long a sign-in session lasts without use: Better Auth's `session.expiresIn` (src/server/auth.ts) and the
 * privacy page's retention table (src/app/privacy/retention.ts) both read it.
 */
export const SESSION_MAX_AGE_DAYS = 30;
export const SESSION_MAX_AGE_SECONDS = SESSION_MAX_AGE_DAYS * 24 * 60 * 60;
