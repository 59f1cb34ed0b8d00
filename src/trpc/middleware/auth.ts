import { experimental_standaloneMiddleware, TRPCError } from "@trpc/server";
import { isAdmin } from "~/lib/account/is-admin";
import type { Context, SessionUser } from "../context";
import { guardInput } from "./input-guard";

/**
 * Protected procedures: a signed-out call is refused before its input is read (the tRPC route hands such a
 * call over with its body unread), then the input guard runs, and ctx.session is narrowed to non-null (the
 * context's logger already carries the user id: createContextInner). One middleware level for both.
 */
export const sessionGuardMiddleware = experimental_standaloneMiddleware<{ ctx: Context }>().create(
  async ({ ctx, getRawInput, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    await guardInput(getRawInput);
    return next({ ctx: { session: ctx.session } });
  },
);

export const adminMiddleware = experimental_standaloneMiddleware<{
  ctx: Context & { session: { user: SessionUser } };
}>().create(async ({ ctx, next }) => {
  // The role in the session may be a cached copy; authority is read from the user row (is-admin.ts).
  if (!(await isAdmin(ctx.session.user.id))) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  }
  return next();
});
