import { experimental_standaloneMiddleware, TRPCError } from "@trpc/server";
import type { Context, SessionUser } from "../context";

/** Narrows ctx.session to non-null and tags the logger with the user id. */
export const authMiddleware = experimental_standaloneMiddleware<{ ctx: Context }>().create(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({
    ctx: { session: ctx.session, logger: ctx.logger.child({ userId: ctx.session.user.id }) },
  });
});

export const adminMiddleware = experimental_standaloneMiddleware<{
  ctx: Context & { session: { user: SessionUser } };
}>().create(({ ctx, next }) => {
  if (ctx.session.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  }
  return next();
});
