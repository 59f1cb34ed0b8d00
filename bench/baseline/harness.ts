/**
 * What the API-load harness may ask of the baseline server beyond the reviewed system's endpoints
 * (bench/baseline/api.ts). Kept apart so the harness can import it without starting a server.
 */

/** POST here forgets every user's imports this hour: each measured repeat starts on a fresh hour. */
export const RESET_IMPORT_LIMITS_PATH = "/__bench/reset-import-limits";
