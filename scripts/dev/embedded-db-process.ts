/**
 * Runs the dev launcher's embedded PostgreSQL in a process of its own. The launcher starts this detached
 * (its own process group), so a terminal Ctrl-C never reaches postgres directly: the launcher drains the
 * web and the worker first and only then sends SIGTERM here. Prints one JSON line when the server is up.
 */
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded-postgres";

const [dataDir, port] = [process.argv[2], Number(process.argv[3])];
if (!dataDir || !Number.isInteger(port)) {
  console.error("usage: embedded-db-process <dataDir> <port>");
  process.exit(2);
}

const server = await startEmbeddedPostgres({
  dataDir: path.resolve(dataDir),
  port,
  log: (line) => console.error(line),
});
// embedded-postgres's own exit hook would stop the server on the first signal; we stop it explicitly.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {
  void server.stop().finally(() => process.exit(0));
});
console.log(JSON.stringify({ serverUrl: server.serverUrl, wasRunning: server.wasRunning }));
