/**
 * Runs the dev launcher's embedded PostgreSQL in a process of its own. The launcher starts this detached
 * (its own process group), so a terminal Ctrl-C never reaches postgres directly: the launcher drains the
 * web and the worker first and only then sends SIGTERM here. Prints one JSON line when the server is up.
 */
import path from "node:path";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "../db/embedded-postgres";

const [dataDir, port] = [process.argv[2], Number(process.argv[3])];
if (!dataDir || !Number.isInteger(port)) {
  console.error("usage: embedded-db-process <dataDir> <port>");
  process.exit(2);
}

const server = await startEmbeddedPostgres({
  dataDir: path.resolve(dataDir),
  port,
  log: (line) => console.error(line),
}).catch((error: unknown) => {
  // One line naming the cause and the fix; a stack trace only for what we did not foresee.
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {
  void server.stop().finally(() => process.exit(0));
});
console.log(JSON.stringify({ serverUrl: server.serverUrl, wasRunning: server.wasRunning }));
