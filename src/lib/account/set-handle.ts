import { AppError } from "~/lib/errors";
import { db } from "~/server/db";
import { handleSchema } from "./account.schema";

/** Prisma's code for a unique-constraint violation (User.handle is unique). */
const UNIQUE_VIOLATION = "P2002";

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === UNIQUE_VIOLATION;
}

/**
 * Sets the user's public portfolio address. The handle is checked with the same rules the form uses and
 * stored lower-case, so /u/Ana-Lee and /u/ana-lee are one address. Availability is left to the unique
 * index: two users racing for a handle cannot both win, and the loser gets CONFLICT.
 */
export async function setHandle({ userId, handle }: { userId: string; handle: string }) {
  const parsed = handleSchema.safeParse(handle);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "That address can't be used.");
  }
  try {
    const user = await db.user.update({
      where: { id: userId },
      data: { handle: parsed.data },
      select: { handle: true },
    });
    return { handle: user.handle ?? parsed.data };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `The address /u/${parsed.data} is already taken. Try another.`, { cause: error });
    }
    throw error;
  }
}
