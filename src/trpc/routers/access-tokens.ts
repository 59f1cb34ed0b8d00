import { createAccessTokenInputSchema, revokeAccessTokenInputSchema } from "~/lib/access-tokens/access-tokens.schema";
import { createAccessToken } from "~/lib/access-tokens/create-access-token";
import { listAccessTokens } from "~/lib/access-tokens/list-access-tokens";
import { revokeAccessToken } from "~/lib/access-tokens/revoke-access-token";
import { createTRPCRouter, protectedProcedure } from "../init";

export const accessTokensRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listAccessTokens({ userId: ctx.session.user.id })),

  /** Returns the token once; only its hash is kept. */
  create: protectedProcedure
    .input(createAccessTokenInputSchema)
    .mutation(({ ctx, input }) => createAccessToken({ userId: ctx.session.user.id, ...input })),

  revoke: protectedProcedure
    .input(revokeAccessTokenInputSchema)
    .mutation(({ ctx, input }) => revokeAccessToken({ userId: ctx.session.user.id, ...input })),
});
