import type { Prisma } from "~/generated/prisma/client";

/** What the settings page shows of the account. */
export const accountSelect = {
  name: true,
  email: true,
  handle: true,
} satisfies Prisma.UserSelect;

export type AccountSummary = Prisma.UserGetPayload<{ select: typeof accountSelect }>;
