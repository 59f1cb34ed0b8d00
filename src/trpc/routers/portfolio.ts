import { getPortfolio } from "~/lib/portfolio/get-portfolio";
import { getPortfolioInputSchema } from "~/lib/portfolio/portfolio.schema";
import { createTRPCRouter, publicProcedure } from "../init";

export const portfolioRouter = createTRPCRouter({
  /** A creator's public portfolio at /u/<handle>; anyone may read it, signed in or not. */
  byHandle: publicProcedure
    .input(getPortfolioInputSchema)
    .query(({ ctx, input }) => getPortfolio({ ...input, viewerId: ctx.session?.user.id ?? null })),
});
