/**
 * Text for a failed tRPC call, for messages shown next to the control that failed. Server messages are
 * written for users (AppError messages, and a generic line for internal errors, see
 * src/trpc/middleware/error-mapping.ts), so they are shown as sent; validation dumps and transport
 * failures get the caller's wording instead.
 */
const OFFLINE_MESSAGE = "We couldn't reach Showreel. Check your connection and try again.";
const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again to continue.";

type TRPCErrorData = { code?: unknown; zodError?: unknown };

function readData(error: Error): TRPCErrorData | null {
  if (!("data" in error) || typeof error.data !== "object" || error.data === null) return null;
  return error.data;
}

export function apiErrorText(error: unknown, fallback: string): string {
  if (!(error instanceof Error)) return fallback;
  const data = readData(error);
  // No error body at all: the request never reached the API (offline, or a proxy answered).
  if (!data) return OFFLINE_MESSAGE;
  if (data.code === "UNAUTHORIZED") return SIGNED_OUT_MESSAGE;
  if (data.zodError) return fallback;
  return error.message || fallback;
}
