/**
 * AI matcher benchmark (issue 10 #9): how fast videos are tagged against the full seeded catalog, and how
 * many queries that costs per video — Showreel's catalog matcher (index loaded once per process, then no
 * query per video) against the reviewed system's one query per tool name (bench/baseline/matcher.ts),
 * in the same run on the same database. The videos' titles, descriptions and tags name catalog tools
 * (bench/lib/bench-videos.ts), so both sides find matches; a repeat fails if Showreel finds none.
 */
import { benchAppEnv } from "./lib/app-processes";
import { benchVideoText, catalogToolNames } from "./lib/bench-videos";
import { createRunScope, openBenchDatabase } from "./lib/run-scope";
import { runDriver } from "./lib/driver";
import { machineLine, type MachineInfo } from "./lib/machine";
import { formatNumber, summarize } from "./lib/stats";
import { formatFigure, renderTable } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult, BenchRow } from "./lib/types";
import { runBaselineMatcher } from "./baseline/matcher";

/** Issue 10: no query per video. */
export const TARGET_QUERIES_PER_VIDEO = 0;
/**
 * The baseline matches fewer videos: at a new connection per tag query it does a few videos a second
 * here. Its rate does not depend on N.
 */
export const SIZES = {
  quick: { videos: 5_000, baselineVideos: 10, repeats: 3 },
  full: { videos: 50_000, baselineVideos: 1_000, repeats: 3 },
} as const;

type DriverResult = {
  load: { ms: number; queries: number; tools: number; categories: number };
  repeats: { seconds: number; queries: number; toolMatches: number; categoryMatches: number }[];
};
export type MatcherRepeat = {
  repeat: number;
  videosPerSecond: number;
  queriesPerVideo: number;
  toolMatchesPerVideo: number;
  baselineVideosPerSecond: number;
  baselineQueriesPerVideo: number;
  baselineToolMatchesPerVideo: number;
};
export type MatcherBenchmarkResult = {
  videos: number;
  baselineVideos: number;
  catalog: { tools: number; categories: number; loadMs: number; loadQueries: number };
  repeats: MatcherRepeat[];
  databaseServer: string;
  machine: MachineInfo;
  startedAt: string;
};

export async function runMatcherBenchmark(options: {
  videos: number;
  baselineVideos: number;
  repeats: number;
  log?: (line: string) => void;
}): Promise<MatcherBenchmarkResult> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const scope = createRunScope(log);
  try {
    const { database, pool, machine } = await openBenchDatabase(scope, { prefix: "showreel_bench_matcher", log });
    const toolNames = await catalogToolNames(pool);
    const videos = Array.from({ length: options.videos }, (_, index) => benchVideoText(index, toolNames));

    // No Google here: the driver only reads the catalog. The emulator address is never called.
    // The driver counts queries per video by Prisma's query events, off by default in production.
    const env = {
      ...benchAppEnv({ databaseUrl: database.url, emulatorUrl: "http://127.0.0.1:9", settings: {} }),
      DB_QUERY_EVENTS: "true",
    };
    const showreel = await runDriver<DriverResult>({
      name: "matcher driver",
      script: "bench/lib/matcher-driver.ts",
      env,
      input: { videos, repeats: options.repeats },
    });
    const repeats: MatcherRepeat[] = [];
    for (const [index, run] of showreel.repeats.entries()) {
      if (run.toolMatches === 0) throw new Error("the catalog matcher found no tool in videos that name catalog tools");
      const baseline = await runBaselineMatcher({
        databaseUrl: database.url,
        videos: videos.slice(0, options.baselineVideos),
      });
      const repeat = {
        repeat: index + 1,
        videosPerSecond: options.videos / run.seconds,
        queriesPerVideo: run.queries / options.videos,
        toolMatchesPerVideo: run.toolMatches / options.videos,
        baselineVideosPerSecond: options.baselineVideos / baseline.seconds,
        baselineQueriesPerVideo: baseline.queries / options.baselineVideos,
        baselineToolMatchesPerVideo: baseline.toolMatches / options.baselineVideos,
      };
      repeats.push(repeat);
      log(
        `  repeat ${repeat.repeat}: ${formatFigure(repeat.videosPerSecond)} videos/s, ${repeat.queriesPerVideo} queries/video, ${repeat.toolMatchesPerVideo.toFixed(2)} tools/video; ` +
          `baseline ${formatFigure(repeat.baselineVideosPerSecond)} videos/s, ${repeat.baselineQueriesPerVideo} queries/video, ${repeat.baselineToolMatchesPerVideo.toFixed(2)} tools/video`,
      );
    }
    return {
      videos: options.videos,
      baselineVideos: options.baselineVideos,
      catalog: {
        tools: showreel.load.tools,
        categories: showreel.load.categories,
        loadMs: showreel.load.ms,
        loadQueries: showreel.load.queries,
      },
      repeats,
      databaseServer: database.serverSource,
      machine,
      startedAt,
    };
  } finally {
    await scope.close();
  }
}

// ─── bench/run.ts glue: rows, table and docs ────────────────────────────────────────────────────────

export function matcherRows(result: MatcherBenchmarkResult): BenchRow[] {
  const size = `${formatNumber(result.videos)} videos (baseline ${formatNumber(result.baselineVideos)}), ${result.catalog.tools} tools`;
  const queries = summarize(result.repeats.map((repeat) => repeat.queriesPerVideo));
  return [
    {
      benchmark: "matcher",
      size,
      workers: 1,
      metric: "videos/s",
      stats: summarize(result.repeats.map((repeat) => repeat.videosPerSecond)),
      baseline: summarize(result.repeats.map((repeat) => repeat.baselineVideosPerSecond)),
      better: "higher",
      extra: [
        {
          label: "tools/video (baseline)",
          value: `${formatFigure(summarize(result.repeats.map((repeat) => repeat.toolMatchesPerVideo)).median)} (${formatFigure(summarize(result.repeats.map((repeat) => repeat.baselineToolMatchesPerVideo)).median)})`,
        },
      ],
      target: "(no target; throughput)",
      met: true,
    },
    {
      benchmark: "matcher",
      size,
      workers: 1,
      metric: "queries/video",
      stats: queries,
      baseline: summarize(result.repeats.map((repeat) => repeat.baselineQueriesPerVideo)),
      better: "lower",
      extra: [
        {
          label: "catalog load",
          value: `${result.catalog.loadQueries} queries, ${result.catalog.loadMs.toFixed(0)} ms once`,
        },
      ],
      target: `${TARGET_QUERIES_PER_VIDEO} queries per video`,
      met: queries.max === TARGET_QUERIES_PER_VIDEO,
    },
  ];
}

export const MATCHER_DOCS_INTRO = `Target (issue 10): **${TARGET_QUERIES_PER_VIDEO} queries per video** matched against the full catalog; videos/s reported.

**Method** (bench/matcher.ts). A fresh migrated database with the seeded catalog (every tool and category).
Videos are generated text naming three catalog tools each in the title and description, with five tags
(bench/lib/bench-videos.ts). Showreel: a driver process runs \`loadCatalogIndex\` (what the worker does once
per process) and then \`matchCatalog\` per video, calling \`loadCatalogIndex\` per video as the import path
does; every SQL statement the app sends, through Prisma or the pool, is counted (\`onQuery\`). Baseline (bench/baseline/matcher.ts): one
query per tool name (the video's tags, as the reviewed analyser's fallback) by name or slug, each on a
new connection, videos one after another. In quick mode the baseline matches the first
${SIZES.quick.baselineVideos} videos (its rate does not depend on N). The two match differently (Showreel reads the title and
description, the baseline only tags), so tools per video are shown for both.`;

export function matcherDocsBlock(result: MatcherBenchmarkResult, rows: readonly BenchRow[], command: string): string {
  const lines = result.repeats.map((repeat) =>
    [
      repeat.repeat,
      formatFigure(repeat.videosPerSecond),
      repeat.queriesPerVideo,
      repeat.toolMatchesPerVideo.toFixed(2),
      formatFigure(repeat.baselineVideosPerSecond),
      repeat.baselineQueriesPerVideo,
      repeat.baselineToolMatchesPerVideo.toFixed(2),
    ].join(" | "),
  );
  return `### ${formatNumber(result.videos)} videos — \`${command}\`

Run ${result.startedAt}. Machine: ${machineLine(result.machine)}. Database: fresh, on the ${result.databaseServer}.
Catalog: ${result.catalog.tools} tools, ${result.catalog.categories} categories; loading the index took ${result.catalog.loadQueries} queries and ${result.catalog.loadMs.toFixed(0)} ms, once.

${renderTable(rows)}

| repeat | videos/s | queries/video | tools/video | baseline videos/s | baseline queries/video | baseline tools/video |
|---|---|---|---|---|---|---|
${lines.map((line) => `| ${line} |`).join("\n")}`;
}

export const matcherBenchmark: Benchmark = {
  name: "matcher",
  description: `videos tagged against the full catalog: videos/s and queries per video vs one query per tool`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const size = SIZES[options.mode];
    const videos = options.size ?? size.videos;
    const result = await runMatcherBenchmark({
      videos,
      baselineVideos: Math.min(videos, size.baselineVideos),
      repeats: options.repeats ?? size.repeats,
      log: options.log,
    });
    const rows = matcherRows(result);
    return {
      name: "matcher",
      rows,
      details: result,
      docs: {
        heading: "AI matcher",
        intro: MATCHER_DOCS_INTRO,
        block: matcherDocsBlock(result, rows, options.command),
      },
    };
  },
};
