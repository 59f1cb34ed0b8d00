import { TRPCError } from "@trpc/server";

/** A server-side call refused for want of a session: the visitor is signed out (or the session expired). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCError && error.code === "UNAUTHORIZED";
}
