/**
 * A fresh, migrated, seeded database for one test run: on the server in DATABASE_URL when it is set,
 * otherwise on an embedded PostgreSQL in .data/pg-test. Each run gets its own uniquely named database,
 * dropped afterwards (set KEEP_TEST_DB=1 to keep it for inspection).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { seed } from "../../prisma/seed";
import { applyMigrations } from "./apply-migrations";
import { dropDatabase, ensureDatabase, withDatabase } from "./ensure-database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { prepareJobQueues } from "./prepare-job-queues";

export const TEST_EMBEDDED_PORT = 54339;
const ROOT = path.resolve(import.meta.dirname, "../..");

export type TestDatabase = { url: string; drop: () => Promise<void> };

export async function createTestDatabase(options: {
  prefix: string;
  log?: (line: string) => void;
  /** Connect the demo user to the emulator's demo channel (the e2e lane runs in demo mode). */
  withDemoConnection?: boolean;
}): Promise<TestDatabase> {
  const log = options.log ?? (() => {});
  const configured = process.env.DATABASE_URL;
  const server = configured
    ? { serverUrl: configured, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data/pg-test"), port: TEST_EMBEDDED_PORT, log });

  const name = `${options.prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(server.serverUrl, name);
  await ensureDatabase(url);
  await applyMigrations({ connectionString: url });
  await prepareJobQueues(url);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    await seed(client, { withDemoConnection: options.withDemoConnection ?? false });
  } finally {
    await client.$disconnect();
  }
  log(`test database ${name} ready`);

  return {
    url,
    drop: async () => {
      if (!process.env.KEEP_TEST_DB) await dropDatabase(url);
      await server.stop();
    },
  };
}
