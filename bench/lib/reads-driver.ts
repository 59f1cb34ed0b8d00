/**
 * Driver (bench/lib/driver.ts) for the reads benchmark: calls the real use cases behind youtube.myVideos
 * (`listMyVideos`, against the emulator's demo channel) and projects.list (`listProjects`) for sampled
 * users of a generated database, and times what the app sent to Postgres during each call (onQuery: SQL
 * text, parameters, duration, through Prisma or the pool). Then EXPLAIN ANALYZE on that same SQL with those same
 * parameters, so the index names printed are those of the statements the app really sends, and
 * Postgres's own execution time of each user's statements.
 */
import { listProjects } from "~/lib/projects/list-projects";
import { listMyVideos } from "~/lib/youtube-connection/list-my-videos";
import { closeDb, onQuery, pool } from "~/server/db";
import { logger } from "~/server/logger";
import { connectToDemoChannel } from "./demo-connections";
import { readDriverInput, reportDriverResult } from "./driver";

type Input = { userIds: string[]; repeats: number; pageSize: number; listLimit: number };
type Captured = { query: string; params: readonly unknown[]; durationMs: number };
type PlanNode = { "Node Type"?: string; "Index Name"?: string; "Relation Name"?: string; Plans?: PlanNode[] };

const input = readDriverInput<Input>();
/** The statements `work` sent (and nothing sent after it: the EXPLAINs below go through the pool too). */
async function capture<T>(work: () => Promise<T>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const stop = onQuery((event) => captured.push(event));
  try {
    await work();
  } finally {
    stop();
  }
  return captured;
}

/**
 * The statement behind a stored My Videos page (src/lib/youtube-connection/my-videos-page-cache.ts): the
 * connection, the page and its ids flagged against the user's projects, all in one.
 */
const isFlagQuery = (query: string) =>
  /FROM "Project"/.test(query) && /"youtubeVideoId" = ANY\(p\."videoIds"\)/.test(query);

await connectToDemoChannel(input.userIds);
const quiet = logger.child({ bench: "reads" });
const myVideos = (userId: string) => listMyVideos({ userId, pageSize: input.pageSize, logger: quiet });
const projects = (userId: string) => listProjects({ userId, limit: input.listLimit });

// Warm-up, not measured: each user's first My Videos page is fetched and stored (later ones are read from Postgres).
let flaggedOnWarmup = 0;
for (const userId of input.userIds)
  flaggedOnWarmup += (await myVideos(userId)).items.filter((item) => item.alreadyImported).length;

const repeats: { flagMs: number[]; listMs: number[]; listQueries: number }[] = [];
/** The last repeat's statements per user, explained afterwards for Postgres's own execution time. */
let lastRepeat: { flag: Captured; list: Captured[] }[] = [];
for (let repeat = 0; repeat < input.repeats; repeat += 1) {
  lastRepeat = [];
  const flagMs: number[] = [];
  const listMs: number[] = [];
  let listQueries = 0;
  for (const userId of input.userIds) {
    const flagQueries = (await capture(() => myVideos(userId))).filter((event) => isFlagQuery(event.query));
    if (flagQueries.length !== 1)
      throw new Error(`expected one flagging query per My Videos page, saw ${flagQueries.length}`);
    flagMs.push(flagQueries[0]!.durationMs);
    const listEvents = await capture(() => projects(userId));
    listQueries += listEvents.length;
    listMs.push(listEvents.reduce((sum, event) => sum + event.durationMs, 0));
    lastRepeat.push({ flag: flagQueries[0]!, list: listEvents });
  }
  repeats.push({ flagMs, listMs, listQueries: listQueries / input.userIds.length });
}

function indexesOf(node: PlanNode, found: { indexes: Set<string>; nodes: Set<string> }) {
  if (node["Index Name"]) found.indexes.add(node["Index Name"]);
  if (node["Node Type"])
    found.nodes.add(`${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`);
  for (const child of node.Plans ?? []) indexesOf(child, found);
  return found;
}

/** EXPLAIN ANALYZE of the exact statements one call sent, with their parameters. */
async function explain(events: readonly Captured[]) {
  const plans = [];
  for (const event of events) {
    const { rows } = await pool.query<{ "QUERY PLAN": { Plan: PlanNode; "Execution Time": number }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${event.query}`,
      [...event.params],
    );
    const plan = rows[0]!["QUERY PLAN"][0]!;
    const found = indexesOf(plan.Plan, { indexes: new Set(), nodes: new Set() });
    plans.push({
      sql: event.query,
      executionMs: plan["Execution Time"],
      indexes: [...found.indexes],
      nodes: [...found.nodes],
    });
  }
  return plans;
}

// Postgres's own execution time of the same statements (EXPLAIN ANALYZE), free of the client's scheduling.
const serverMs: { flag: number[]; list: number[] } = { flag: [], list: [] };
for (const { flag, list } of lastRepeat) {
  serverMs.flag.push((await explain([flag]))[0]!.executionMs);
  serverMs.list.push((await explain(list)).reduce((sum, plan) => sum + plan.executionMs, 0));
}

const sample = input.userIds[0]!;
const flagExplain = await explain((await capture(() => myVideos(sample))).filter((event) => isFlagQuery(event.query)));
const listExplain = await explain(await capture(() => projects(sample)));
await closeDb();
reportDriverResult({
  flaggedOnWarmup,
  repeats,
  serverMs,
  explain: { myVideosFlag: flagExplain, projectsList: listExplain },
});
