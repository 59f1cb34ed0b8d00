/**
 * tRPC setup: the request context, the error formatter and the procedure builders, named after what
 * they guarantee. Procedures stay thin: validate, call one use case in src/lib, return.
 */
import { initTRPC } from "@trpc/server";
import { z, ZodError } from "zod";
import { isAppError } from "~/lib/errors";
import type { Context } from "./context";
import { serverTransformer } from "./output-serializer";
import { adminMiddleware, sessionGuardMiddleware } from "./middleware/auth";
import { inputGuardMiddleware } from "./middleware/input-guard";
import { procedureScopeMiddleware } from "./middleware/procedure-scope";
import { rateLimitMiddleware } from "./middleware/rate-limit";
import type { RateLimitPolicy } from "~/lib/rate-limit/limiters";

/** What the route handler may know of a procedure before it reads the request body. */
export type ProcedureMeta = {
  /** Set by protectedProcedure: a signed-out call is refused before its input (the body) is read. */
  requiresSession?: boolean;
};

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // superjson on the wire; outputs written by the cheaper serializer in output-serializer.ts.
    transformer: serverTransformer,
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

/** Statement census, jobs on the context, timing and error mapping: one middleware (procedure-scope.ts). */
const baseProcedure = t.procedure.use(procedureScopeMiddleware);
export const publicProcedure = baseProcedure.use(inputGuardMiddleware);
/**
 * The session is checked before the input guard, the first thing that reads the input: a signed-out
 * caller's body is never read or parsed (the tRPC route sends it here unread; see its handler).
 */
export const protectedProcedure = baseProcedure.use(sessionGuardMiddleware).meta({ requiresSession: true });
export const adminProcedure = protectedProcedure.use(adminMiddleware);
/** A protected procedure that also spends one point of `policy` per call. */
export const rateLimited = (policy: RateLimitPolicy) => protectedProcedure.use(rateLimitMiddleware(policy));

export { createContext, createContextInner, type Context } from "./context";
