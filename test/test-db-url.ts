// The per-run database made by int-global-setup.ts, for integration tests that need its URL directly.
import { withDatabase } from "../scripts/db/ensure-database";

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is unset: run integration tests through `npm run test:int`");
  return url;
}

/** A sibling database on the same server, for tests that need a database of their own. */
export function siblingDatabaseUrl(name: string): string {
  return withDatabase(testDatabaseUrl(), name);
}
