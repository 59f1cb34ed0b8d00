/**
 * Driver (bench/lib/driver.ts) for the API-load benchmark's `next start` side: connects the benchmark's
 * users to the emulator's demo channel with the web process's TOKEN_ENCRYPTION_KEY (this driver gets the
 * same env), since `next start` runs only the app's own code. Prints how many users it connected.
 */
import { closeDb } from "~/server/db";
import { connectToDemoChannel } from "./demo-connections";
import { readDriverInput, reportDriverResult } from "./driver";

const input = readDriverInput<{ userIds: string[] }>();
await connectToDemoChannel(input.userIds);
await closeDb();
reportDriverResult({ connected: input.userIds.length });
