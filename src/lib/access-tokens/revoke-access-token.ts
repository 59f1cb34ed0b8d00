import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { forgetToken } from "./token-cache";

export async function revokeAccessToken({ userId, id }: { userId: string; id: string }): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That token does not exist or was already revoked.");
  // Other web processes keep accepting it until their cached entry lapses (ACCESS_TOKEN_CACHE_SECONDS).
  forgetToken(id);
}
