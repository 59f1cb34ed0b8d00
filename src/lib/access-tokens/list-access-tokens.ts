import { db } from "~/server/db";
import { accessTokenSummarySelect, type AccessTokenSummary } from "./selects";

export function listAccessTokens({ userId }: { userId: string }): Promise<AccessTokenSummary[]> {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    select: accessTokenSummarySelect,
    orderBy: { createdAt: "desc" },
  });
}
