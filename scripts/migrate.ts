// `npm run db:migrate`: applies pending SQL migrations, then installs pg-boss's schema and queues.
// Uses DATABASE_URL (default: the embedded dev database). Safe to run again: a second run applies nothing.
import { env } from "~/env";
import { applyMigrations } from "./db/apply-migrations";
import { prepareJobQueues } from "./db/prepare-job-queues";

const result = await applyMigrations({ connectionString: env.DATABASE_URL, log: (line) => console.log(line) });
await prepareJobQueues(env.DATABASE_URL);
console.log(
  result.applied.length === 0
    ? `database is up to date (${result.alreadyApplied.length} migrations already applied)`
    : `applied ${result.applied.length} migration(s); ${result.alreadyApplied.length} were already applied`,
);
