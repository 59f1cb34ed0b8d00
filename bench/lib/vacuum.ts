/**
 * Stand-in for autovacuum on a server that runs with `autovacuum = off` (the shared test server here
 * does). Without it a sync benchmark measures a pathology no production database has: every check
 * leaves dead Channel and pg-boss job row versions behind (updates of indexed columns are never HOT),
 * and at 100K channels a round walks over a million of them. So when autovacuum is off, this applies
 * autovacuum's own trigger rules, read from the server's settings, to the run's database: each naptime
 * it VACUUMs the tables past `threshold + scale_factor × rows` dead (or inserted) row versions and
 * ANALYZEs those past the analyze rule, throttled with autovacuum's cost settings, one table at a time.
 * Its backend belongs to the run's database, so its CPU counts as Postgres CPU, as autovacuum's would.
 * When autovacuum is on, it does nothing.
 */
import pg from "pg";

type Rules = {
  naptimeMs: number;
  vacuumThreshold: number;
  vacuumScale: number;
  insertThreshold: number;
  insertScale: number;
  analyzeThreshold: number;
  analyzeScale: number;
  costDelay: string;
  costLimit: number;
};

export type VacuumStandIn = {
  /** False when the server's own autovacuum is on (then nothing runs here). */
  isActive: boolean;
  stop: () => Promise<{ vacuums: number; analyzes: number }>;
};

async function readRules(client: pg.Client, options: { evenWhenOn?: boolean } = {}): Promise<Rules | null> {
  const { rows } = await client.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name LIKE 'autovacuum%' OR name IN ('vacuum_cost_limit')`,
  );
  const setting = (name: string) => rows.find((row) => row.name === name)?.setting ?? "";
  if (setting("autovacuum") === "on" && !options.evenWhenOn) return null;
  const costLimit = Number(setting("autovacuum_vacuum_cost_limit"));
  return {
    naptimeMs: Number(setting("autovacuum_naptime")) * 1000,
    vacuumThreshold: Number(setting("autovacuum_vacuum_threshold")),
    vacuumScale: Number(setting("autovacuum_vacuum_scale_factor")),
    insertThreshold: Number(setting("autovacuum_vacuum_insert_threshold")),
    insertScale: Number(setting("autovacuum_vacuum_insert_scale_factor")),
    analyzeThreshold: Number(setting("autovacuum_analyze_threshold")),
    analyzeScale: Number(setting("autovacuum_analyze_scale_factor")),
    costDelay: `${setting("autovacuum_vacuum_cost_delay")}ms`,
    costLimit: costLimit > 0 ? costLimit : Number(setting("vacuum_cost_limit")),
  };
}

/** One autovacuum visit: VACUUM (and ANALYZE) each table past autovacuum's trigger rules, one at a time. */
async function visitTables(
  client: pg.Client,
  rules: Rules,
  isStopping: () => boolean,
): Promise<{ vacuums: number; analyzes: number }> {
  const counts = { vacuums: 0, analyzes: 0 };
  const { rows } = await client.query<{ name: string; needsVacuum: boolean; needsAnalyze: boolean }>(
    `SELECT format('%I.%I', s.schemaname, s.relname) AS name,
            (s.n_dead_tup > $1 + $2 * greatest(c.reltuples, 0)
              OR s.n_ins_since_vacuum > $3 + $4 * greatest(c.reltuples, 0)) AS "needsVacuum",
            s.n_mod_since_analyze > $5 + $6 * greatest(c.reltuples, 0) AS "needsAnalyze"
       FROM pg_stat_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid`,
    [
      rules.vacuumThreshold,
      rules.vacuumScale,
      rules.insertThreshold,
      rules.insertScale,
      rules.analyzeThreshold,
      rules.analyzeScale,
    ],
  );
  for (const table of rows) {
    if (isStopping()) break;
    if (table.needsVacuum) {
      await client.query(`VACUUM (PARALLEL 0${table.needsAnalyze ? ", ANALYZE" : ""}) ${table.name}`);
      counts.vacuums += 1;
      if (table.needsAnalyze) counts.analyzes += 1;
    } else if (table.needsAnalyze) {
      await client.query(`ANALYZE ${table.name}`);
      counts.analyzes += 1;
    }
  }
  return counts;
}

/**
 * One autovacuum visit now, by autovacuum's own rules, whatever the server's setting: for a run whose clock
 * moves faster than the server's (the growth benchmark's simulated days), where autovacuum would have
 * visited at least this often. Without its cost delay: the benchmark measures sizes, not vacuum's pacing.
 */
export async function vacuumAsAutovacuumWould(url: string): Promise<{ vacuums: number; analyzes: number }> {
  const client = new pg.Client({ connectionString: url, application_name: "showreel-bench-autovacuum" });
  await client.connect();
  try {
    const rules = (await readRules(client, { evenWhenOn: true }))!;
    return await visitTables(client, rules, () => false);
  } finally {
    await client.end();
  }
}

export async function startVacuumStandIn(options: {
  url: string;
  log: (line: string) => void;
}): Promise<VacuumStandIn> {
  const client = new pg.Client({ connectionString: options.url, application_name: "showreel-bench-autovacuum" });
  await client.connect();
  const rules = await readRules(client);
  if (!rules) {
    await client.end();
    return { isActive: false, stop: async () => ({ vacuums: 0, analyzes: 0 }) };
  }
  options.log(
    `server autovacuum is off: applying its rules to the run's database (naptime ${rules.naptimeMs / 1000} s)`,
  );
  await client.query(`SET vacuum_cost_delay = '${rules.costDelay}'`);
  await client.query(`SET vacuum_cost_limit = ${rules.costLimit}`);
  const { rows: pidRows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const pid = pidRows[0]!.pid;

  let isStopping = false;
  let wake: () => void = () => {};
  const counts = { vacuums: 0, analyzes: 0 };
  const loop = (async () => {
    while (!isStopping) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, rules.naptimeMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (isStopping) break;
      const visit = await visitTables(client, rules, () => isStopping);
      counts.vacuums += visit.vacuums;
      counts.analyzes += visit.analyzes;
    }
  })().catch((error: unknown) => {
    if (!isStopping)
      options.log(`autovacuum stand-in stopped: ${error instanceof Error ? error.message : String(error)}`);
  });

  let stopped: Promise<{ vacuums: number; analyzes: number }> | undefined;
  return {
    isActive: true,
    stop: () =>
      (stopped ??= (async () => {
        isStopping = true;
        wake();
        // A VACUUM in progress is cancelled rather than waited for (with the cost delay it can take minutes).
        const canceller = new pg.Client({ connectionString: options.url });
        await canceller.connect();
        await canceller.query("SELECT pg_cancel_backend($1)", [pid]).finally(() => canceller.end());
        await loop;
        await client.end().catch(() => {});
        return counts;
      })()),
  };
}
