import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { ACCESS_TOKEN_VISIBLE_CHARS, generateAccessToken, hashAccessToken } from "./token-format";

/** Tokens per user; generous for scripts, small enough that a runaway loop is noticed. */
const MAX_ACCESS_TOKENS_PER_USER = 20;

/** Creates a personal access token and returns it once; only its hash is stored. */
export async function createAccessToken({ userId, name }: { userId: string; name: string }) {
  const active = await db.apiToken.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_ACCESS_TOKENS_PER_USER) {
    throw new AppError("CONFLICT", `You already have ${MAX_ACCESS_TOKENS_PER_USER} tokens; revoke one first.`);
  }
  const token = generateAccessToken();
  const row = await db.apiToken.create({
    data: { userId, name, prefix: token.slice(0, ACCESS_TOKEN_VISIBLE_CHARS), tokenHash: hashAccessToken(token) },
    select: { id: true, name: true },
  });
  return { ...row, token };
}
