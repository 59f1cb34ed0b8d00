import type { Prisma } from "~/generated/prisma/client";

/** What a user sees of their tokens: never the hash. */
export const accessTokenSummarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
} satisfies Prisma.ApiTokenSelect;

export type AccessTokenSummary = Prisma.ApiTokenGetPayload<{ select: typeof accessTokenSummarySelect }>;

/** Who a personal access token authenticates as, and which token it was. */
export type TokenUser = { id: string; email: string; name: string; role: "user" | "admin"; tokenId: string };
