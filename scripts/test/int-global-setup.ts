// Vitest global setup for the integration lane: one fresh database per run, shared by its test files.
// Setting DATABASE_URL here (before the test workers start) points src/env.ts at it in every worker.
import { createTestDatabase, type TestDatabase } from "../db/test-database";

let database: TestDatabase | undefined;

export async function setup(): Promise<void> {
  database = await createTestDatabase({ prefix: "showreel_int" });
  process.env.DATABASE_URL = database.url;
  process.env.TEST_DATABASE_URL = database.url;
}

export async function teardown(): Promise<void> {
  await database?.drop();
}
