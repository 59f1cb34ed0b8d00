import { experimental_standaloneMiddleware } from "@trpc/server";
import { consumeRateLimit, type RateLimitPolicy } from "~/lib/rate-limit/limiters";
import type { Context, SessionUser } from "../context";

/**
 * Consumes one point per call, keyed by user id. Over the limit it throws RATE_LIMITED with retryAt; the
 * error-mapping middleware turns that into TOO_MANY_REQUESTS and sets Retry-After.
 */
export function rateLimitMiddleware(policy: RateLimitPolicy) {
  return experimental_standaloneMiddleware<{ ctx: Context & { session: { user: SessionUser } } }>().create(
    async ({ ctx, next }) => {
      await consumeRateLimit(policy, ctx.session.user.id);
      return next();
    },
  );
}
