import { experimental_standaloneMiddleware, TRPCError } from "@trpc/server";
import type { Context } from "../context";

/** Deeper than any input schema we have; a body nested past it is refused rather than walked. */
const MAX_INPUT_DEPTH = 32;

/** True when some string in `value` (keys included) holds U+0000, or nesting passes MAX_INPUT_DEPTH. */
function isUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (value === null || typeof value !== "object") return false;
  if (depth > MAX_INPUT_DEPTH) return true;
  if (Array.isArray(value)) return value.some((item) => isUnstorable(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || isUnstorable(item, depth + 1));
}

/**
 * Refuses input text Postgres cannot store before any procedure sees it: a NUL character passes every zod
 * string check, then fails the write as "invalid byte sequence" — a 500 where the caller sent bad input.
 * One guard here instead of a refinement on each of the schemas' strings.
 */
export async function guardInput(getRawInput: () => Promise<unknown>): Promise<void> {
  if (isUnstorable(await getRawInput())) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Text can't contain NUL (\\u0000) characters." });
  }
}

/** Public procedures: the input guard (protected ones run it in auth.ts's session guard, after the session check). */
export const inputGuardMiddleware = experimental_standaloneMiddleware<{ ctx: Context }>().create(
  async ({ getRawInput, next }) => {
    await guardInput(getRawInput);
    return next();
  },
);
