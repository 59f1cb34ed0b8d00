// Vitest global setup for the integration lane: one fresh database and one Google emulator per run,
// shared by its test files. Setting the environment here (before the test workers start) points
// src/env.ts at them in every worker, so the app's default clients talk to the emulator.
import { createEmulatorServer } from "../emulator/server";
import { createTestDatabase, type TestDatabase } from "../scripts/db/test-database";
import { emulatorEnv } from "../scripts/dev/emulator-env";
import { freePort } from "./free-port";

let database: TestDatabase | undefined;
let emulator: Awaited<ReturnType<typeof createEmulatorServer>> | undefined;

export async function setup(): Promise<void> {
  database = await createTestDatabase({ prefix: "showreel_int" });
  emulator = await createEmulatorServer({ port: 0, seed: "int-tests" });
  // WebSub is on in the lane: the hub calls back to a port the WebSub test serves the callback on.
  const websubPort = await freePort();
  Object.assign(process.env, {
    PUBLIC_URL: `http://127.0.0.1:${websubPort}`,
    TEST_WEBSUB_PORT: String(websubPort),
    DATABASE_URL: database.url,
    TEST_DATABASE_URL: database.url,
    TEST_EMULATOR_URL: emulator.url,
    ...emulatorEnv(emulator.url),
  });
}

export async function teardown(): Promise<void> {
  await emulator?.close();
  await database?.drop();
}
