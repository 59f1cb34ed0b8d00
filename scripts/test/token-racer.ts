// One racing process for get-access-token.int.test.ts: asks for a connection's token N times at once.
import { getAccessToken } from "~/lib/google-oauth/get-access-token";
import { closeDb } from "~/server/db";
import { logger } from "~/server/logger";

const [connectionId, count, startAt] = [process.argv[2]!, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0)];
// Start together with the test's own callers, so both processes really race for the refresh.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const tokens = await Promise.all(Array.from({ length: count }, () => getAccessToken({ connectionId, logger })));
await closeDb();
console.log(JSON.stringify({ tokens: [...new Set(tokens)] }));
