/**
 * tRPC setup: the request context, the error formatter and the procedure builders, named after what
 * they guarantee. Procedures stay thin: validate, call one use case in src/lib, return.
 */
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { isAppError } from "~/lib/errors";
import type { Context } from "./context";
import { errorMappingMiddleware } from "./middleware/error-mapping";
import { adminMiddleware, authMiddleware } from "./middleware/auth";
import { inputGuardMiddleware } from "./middleware/input-guard";
import { rateLimitMiddleware } from "./middleware/rate-limit";
import { timingMiddleware } from "./middleware/timing";
import type { RateLimitPolicy } from "~/lib/rate-limit/limiters";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const appError = isAppError(error.cause) ? error.cause : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Never leak stack traces, even in development builds served to a browser.
        stack: undefined,
        appCode: appError?.code ?? null,
        retryAt: appError?.retryAt?.toISOString() ?? null,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

export const publicProcedure = t.procedure.use(errorMappingMiddleware).use(timingMiddleware).use(inputGuardMiddleware);
export const protectedProcedure = publicProcedure.use(authMiddleware);
export const adminProcedure = protectedProcedure.use(adminMiddleware);
/** A protected procedure that also spends one point of `policy` per call. */
export const rateLimited = (policy: RateLimitPolicy) => protectedProcedure.use(rateLimitMiddleware(policy));

export { createContext, createContextInner, type Context } from "./context";
