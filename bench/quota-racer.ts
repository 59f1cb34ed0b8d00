/**
 * Child process of benchmark 6 (bench/quota-race.ts): one of the 20 processes spending one daily budget
 * as fast as they can. It stays up for the whole benchmark and runs one race per SIGUSR1, reading the
 * race from the JSON file named by RACER_SPEC_FILE:
 * - "showreel": the app's own YouTube client (createDefaultYouTubeClient: the Postgres quota ledger's
 *   reserve-before-call, the breaker, the pooled agent), calling videos.list until the ledger refuses;
 * - "baseline": the reviewed design (bench/baseline/): read the shared counter, call if it is under the
 *   budget, then add the units — videos.list, or search.list (100 units) as its sync spends them.
 * `concurrency` loops per process spend at once. Prints "racer ready" once connected, and
 * "racer result <race> <json>" after each race (calls made, ms from the signal to its last call).
 */
import { readFileSync } from "node:fs";
import { createBaselineDb } from "./baseline/db";
import { hasQuotaLeft, incrementQuota, SHARED_QUOTA_KEY } from "./baseline/quota";
import { createBaselineYouTubeClient } from "./baseline/youtube-client";

export type RaceSpec = {
  race: number;
  contender: "showreel" | "baseline";
  method: "videos.list" | "search.list";
  concurrency: number;
  budget: number;
  videoId: string;
  channelId: string;
};

const UNITS: Record<RaceSpec["method"], number> = { "videos.list": 1, "search.list": 100 };

const databaseUrl = process.env.DATABASE_URL ?? "";
const apiBaseUrl = process.env.YOUTUBE_API_BASE_URL ?? "";
const specFile = process.env.RACER_SPEC_FILE ?? "";

// The app's modules (they read and validate the environment when loaded) and its first pooled
// connection, set up before "ready", so no race pays for start-up.
const showreel = await (async () => {
  const [{ createDefaultYouTubeClient }, { isAppError }, { db }, { logger }] = await Promise.all([
    import("~/lib/youtube/default-client"),
    import("~/lib/errors"),
    import("~/server/db"),
    import("~/server/logger"),
  ]);
  await db.$queryRaw`SELECT 1`;
  const client = createDefaultYouTubeClient({ logger, purpose: "interactive" });
  return {
    /** One call through the production path; false once the ledger refuses. */
    spend: async (spec: RaceSpec) => {
      try {
        await client.getVideos({ ids: [spec.videoId] });
        return true;
      } catch (error) {
        if (isAppError(error, "QUOTA_EXHAUSTED")) return false;
        throw error;
      }
    },
  };
})();

const baselineDb = createBaselineDb(databaseUrl);
const baselineClient = createBaselineYouTubeClient({ baseUrl: apiBaseUrl, apiKey: "baseline" });

/** The design's check → call → increment; false once the check says the budget is spent. */
async function spendBaseline(spec: RaceSpec): Promise<boolean> {
  const units = UNITS[spec.method];
  if (!(await hasQuotaLeft(baselineDb, { key: SHARED_QUOTA_KEY, limit: spec.budget, units }))) return false;
  if (spec.method === "search.list")
    await baselineClient.getChannelVideos({ channelId: spec.channelId, maxResults: 1 });
  else await baselineClient.getVideoInfo(spec.videoId);
  await incrementQuota(baselineDb, { key: SHARED_QUOTA_KEY, units });
  return true;
}

/**
 * A failed attempt (other than the refusal that ends the race) is counted and the loop goes on, as a job
 * would be retried: on a starved machine a reservation can wait past the pool's connection timeout, and
 * that fails without spending. Past this many, the racer gives up and says why.
 */
const MAX_FAILED_ATTEMPTS = 50;

type RaceOutput = { calls: number; ms: number; failedAttempts: Record<string, number>; error: string | null };

async function race(spec: RaceSpec): Promise<RaceOutput> {
  const started = performance.now();
  let calls = 0;
  let failed = 0;
  let lastCallAt = started;
  let error: string | null = null;
  const failedAttempts: Record<string, number> = {};
  const spend = spec.contender === "showreel" ? showreel.spend : spendBaseline;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      for (;;) {
        try {
          if (error !== null || !(await spend(spec))) return;
          calls += 1;
          lastCallAt = performance.now();
        } catch (caught) {
          // Counted by kind: the figures in a message (elapsed ms, ids) would make each one unique.
          const message = (caught instanceof Error ? caught.message : String(caught))
            .replace(/\d+/g, "N")
            .slice(0, 200);
          failedAttempts[message] = (failedAttempts[message] ?? 0) + 1;
          failed += 1;
          if (failed >= MAX_FAILED_ATTEMPTS) error = `${failed} failed attempts, last: ${message}`;
        }
      }
    }),
  );
  return { calls, ms: lastCallAt - started, failedAttempts, error };
}

let running = Promise.resolve();
process.on("SIGUSR1", () => {
  running = running.then(async () => {
    const spec = JSON.parse(readFileSync(specFile, "utf8")) as RaceSpec;
    const result = await race(spec);
    process.stdout.write(`racer result ${spec.race} ${JSON.stringify(result)}\n`);
  });
});
process.on("SIGTERM", () => {
  void running.then(() => process.exit(0));
});
process.stdout.write("racer ready\n");
// Stay up between races (signals only arrive while something keeps the event loop alive).
setInterval(() => {}, 60_000);
