/**
 * Statements per request, from the web process's own Prometheus counters on /api/metrics:
 * `db_statements_total{procedure}` (statements its database client sent for requests of a tRPC procedure)
 * and `web_requests_total{procedure}` (requests of that procedure). Read before and after a measured
 * interval; their differences give statements per request for each procedure. A web process that does not
 * export them (or refuses the token) gives null, printed as "n/a (metrics missing)".
 */
export const STATEMENTS_METRIC = "db_statements_total";
export const REQUESTS_METRIC = "web_requests_total";
export const METRICS_MISSING = "n/a (metrics missing)";

/** Counter values by procedure label. */
export type WebCounters = { statements: Map<string, number>; requests: Map<string, number> };

/** One counter's samples by their `procedure` label (samples with other labels too are summed per procedure). */
export function counterByProcedure(text: string, metric: string): Map<string, number> {
  const values = new Map<string, number>();
  const pattern = new RegExp(`^${metric}\\{([^}]*)\\}\\s+(\\S+)`, "gm");
  for (const match of text.matchAll(pattern)) {
    const procedure = /(?:^|,)\s*procedure="((?:[^"\\]|\\.)*)"/.exec(match[1]!)?.[1];
    const value = Number(match[2]);
    if (procedure === undefined || !Number.isFinite(value)) continue;
    values.set(procedure, (values.get(procedure) ?? 0) + value);
  }
  return values;
}

/** Both counters from a metrics page; null when either is absent. */
export function parseWebCounters(text: string): WebCounters | null {
  const statements = counterByProcedure(text, STATEMENTS_METRIC);
  const requests = counterByProcedure(text, REQUESTS_METRIC);
  const declared = (metric: string) => new RegExp(`^# TYPE ${metric} counter`, "m").test(text);
  if (!declared(STATEMENTS_METRIC) || !declared(REQUESTS_METRIC)) return null;
  return { statements, requests };
}

/** GET /api/metrics with the bearer token; null when the page is refused or lacks the counters. */
export async function readWebCounters(origin: string, token: string): Promise<WebCounters | null> {
  try {
    const response = await fetch(`${origin}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) return null;
    return parseWebCounters(await response.text());
  } catch {
    return null;
  }
}

/** Several processes' counters as one fleet's: each procedure's values summed. */
export function sumWebCounters(parts: readonly WebCounters[]): WebCounters {
  const sum = (maps: readonly Map<string, number>[]) => {
    const total = new Map<string, number>();
    for (const map of maps)
      for (const [procedure, value] of map) total.set(procedure, (total.get(procedure) ?? 0) + value);
    return total;
  };
  return {
    statements: sum(parts.map((part) => part.statements)),
    requests: sum(parts.map((part) => part.requests)),
  };
}

/** Every web process's counters, summed; null when any process's are missing (a partial sum would mislead). */
export async function readFleetCounters(origins: readonly string[], token: string): Promise<WebCounters | null> {
  const parts = await Promise.all(origins.map((origin) => readWebCounters(origin, token)));
  return parts.every((part) => part !== null) ? sumWebCounters(parts as WebCounters[]) : null;
}

/**
 * Statements per request for each procedure with requests between the two readings: Δstatements ÷
 * Δrequests. Null when either reading is missing.
 */
export function statementsPerRequest(
  before: WebCounters | null,
  after: WebCounters | null,
): Record<string, { requests: number; statementsPerRequest: number }> | null {
  if (!before || !after) return null;
  const result: Record<string, { requests: number; statementsPerRequest: number }> = {};
  for (const [procedure, total] of after.requests) {
    const requests = total - (before.requests.get(procedure) ?? 0);
    if (requests <= 0) continue;
    const statements = (after.statements.get(procedure) ?? 0) - (before.statements.get(procedure) ?? 0);
    result[procedure] = { requests, statementsPerRequest: statements / requests };
  }
  return result;
}

/** "2.00" for a procedure measured, "-" for one without requests, the missing-metrics text for no counters. */
export function formatStatementsPerRequest(
  figures: ReturnType<typeof statementsPerRequest>,
  procedure: string,
): string {
  if (figures === null) return METRICS_MISSING;
  const figure = figures[procedure];
  return figure ? figure.statementsPerRequest.toFixed(2) : "-";
}
