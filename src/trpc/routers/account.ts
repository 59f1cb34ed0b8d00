import { setHandleInputSchema } from "~/lib/account/account.schema";
import { getAccount } from "~/lib/account/get-account";
import { setHandle } from "~/lib/account/set-handle";
import { createTRPCRouter, protectedProcedure } from "../init";

export const accountRouter = createTRPCRouter({
  /** Name, e-mail and portfolio handle, plus a free handle to suggest while the user has none. */
  get: protectedProcedure.query(({ ctx }) => getAccount({ userId: ctx.session.user.id })),

  setHandle: protectedProcedure
    .input(setHandleInputSchema)
    .mutation(({ ctx, input }) => setHandle({ userId: ctx.session.user.id, handle: input.handle })),
});
