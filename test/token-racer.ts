// One racing process for the token single-flight tests: boots, says "ready", waits for "go" on stdin, then
// asks for a connection's token N times at once and prints the distinct tokens it got.
import { createInterface } from "node:readline";
import { getAccessToken } from "~/lib/google-oauth/get-access-token";
import { closeDb, db } from "~/server/db";
import { logger } from "~/server/logger";

const [connectionId, count] = [process.argv[2]!, Number(process.argv[3] ?? 25)];
// Connect before saying ready, so "go" starts the calls themselves, not a pool warming up.
await db.$queryRaw`SELECT 1`;
console.log("ready");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
const tokens = await Promise.all(Array.from({ length: count }, () => getAccessToken({ connectionId, logger })));
await closeDb();
console.log(JSON.stringify({ tokens: [...new Set(tokens)] }));
