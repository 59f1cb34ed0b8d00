import { z } from "zod";

/** Projects per page of a portfolio (and per "Load more"). */
export const PORTFOLIO_PAGE_SIZE = 12;
const MAX_PORTFOLIO_PAGE_SIZE = 48;

/** Tool and category slugs as the catalog writes them ("after-effects"). */
export const tagSlugSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const getPortfolioInputSchema = z.object({
  // Any spelling is looked up (lower-cased); a handle no one has is NOT_FOUND, whatever its shape.
  handle: z.string().trim().min(1).max(100),
  tool: tagSlugSchema.optional(),
  category: tagSlugSchema.optional(),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(MAX_PORTFOLIO_PAGE_SIZE).default(PORTFOLIO_PAGE_SIZE),
});

export type GetPortfolioInput = z.infer<typeof getPortfolioInputSchema>;
