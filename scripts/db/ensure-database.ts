/**
 * Creates the database named in a connection URL when it does not exist yet, by connecting to the
 * server's `postgres` maintenance database. Used by the dev launcher and the test setup.
 */
import pg from "pg";

export function databaseNameOf(connectionString: string): string {
  const name = decodeURIComponent(new URL(connectionString).pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) {
    throw new Error(`database name "${name}" must be 1–63 letters, digits or underscores`);
  }
  return name;
}

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withMaintenanceClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(connectionString, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Returns true when it created the database. */
export async function ensureDatabase(connectionString: string): Promise<boolean> {
  const name = databaseNameOf(connectionString);
  return withMaintenanceClient(connectionString, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Another process created it between our check and CREATE (42P04 duplicate_database).
      if ((error as { code?: string }).code === "42P04") return false;
      throw error;
    }
    return true;
  });
}

export async function dropDatabase(connectionString: string): Promise<void> {
  const name = databaseNameOf(connectionString);
  await withMaintenanceClient(connectionString, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}
