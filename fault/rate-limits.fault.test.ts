/**
 * Fault: Google rate-limits every videos.list call for a while — 429 with Retry-After, then 403
 * rateLimitExceeded (no Retry-After) — while several users' imports run on a real worker.
 * Checked: the backoff is honoured, so the calls per minute stay under a bound derived from the waits the
 * client must make (a client that ignored Retry-After or retried at once would blow through it); runs wait
 * with reason rate_limit; after the limit lifts every run finishes exactly, nothing lost or imported twice.
 */
import { describe, expect, it } from "vitest";
import { RETRY_BASE_DELAY_MS, RETRY_MAX_ATTEMPTS } from "~/lib/youtube/client";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";
import {
  accountedFor,
  channelWithUploads,
  control,
  counters,
  expectImportedExactly,
  importRun,
  cleanUpAfterEachScenario,
  printOutcome,
  retriesUsedByRun,
  sleep,
  startReadyWorker,
  untilRunsDone,
} from "@test/fault-harness";

const USERS = 4;
const VIDEOS_PER_USER = 10;
const WINDOW_MS = 20_000;
const RETRY_AFTER_S = 5;

cleanUpAfterEachScenario();

async function importsOfUsers() {
  const channel = await channelWithUploads(USERS * VIDEOS_PER_USER);
  return Promise.all(
    Array.from({ length: USERS }, async (_, index) => {
      const user = await createTestUser();
      const videos = channel.videoIds.slice(index * VIDEOS_PER_USER, (index + 1) * VIDEOS_PER_USER);
      const { runId } = await createCaller(user.context).imports.importVideos({ videos });
      return { user, runId };
    }),
  );
}

/** Runs the users' imports under `fault` for WINDOW_MS; returns the videos.list calls made meanwhile. */
async function underRateLimit(fault: Record<string, unknown>) {
  const runs = await importsOfUsers();
  await control("POST", "/faults", { ...fault, rate: 1, endpoint: "videos" });
  const before = await counters();
  await startReadyWorker({ AI_BASE_URL: "" });
  const startedAt = Date.now();
  // Runs sleep inside a call for short waits and show `waiting` only between rescheduled attempts: sample.
  const waiting = new Set<string>();
  while (Date.now() - startedAt < WINDOW_MS) {
    for (const { runId } of runs) {
      const run = await importRun(runId);
      if (run.status === "waiting" && run.waitReason) waiting.add(`${runId}:${run.waitReason}`);
    }
    await sleep(250);
  }
  const during = await counters();
  await control("DELETE", "/faults");
  await untilRunsDone(
    runs.map(({ runId }) => runId),
    "every run to finish",
    90_000,
  );
  const calls = (during.requests.byEndpoint["videos.list"] ?? 0) - (before.requests.byEndpoint["videos.list"] ?? 0);
  let duplicates = 0;
  let lost = 0;
  let retries = 0;
  for (const { user, runId } of runs) {
    const { run, projects } = await expectImportedExactly({ user, runId }, VIDEOS_PER_USER);
    duplicates += projects.duplicates;
    lost += accountedFor(run);
    retries += await retriesUsedByRun(runId);
  }
  // Retries are printed, not asserted: a wait for Google reschedules and spends none, but on a machine loaded
  // far past its cores one 403 run used one (cause not pinned down; see docs/reliability.md).
  return { calls, waiting: [...waiting].map((key) => key.split(":")[1]), duplicates, lost, retries };
}

type RateLimitOutcome = Awaited<ReturnType<typeof underRateLimit>>;

/** The figures docs/reliability.md quotes for one rate-limit scenario. */
function outcomeFigures(outcome: RateLimitOutcome, bound: number) {
  return {
    jobs: USERS,
    windowMs: WINDOW_MS,
    videosListCalls: outcome.calls,
    bound,
    callsPerMinutePerJob: Number(((outcome.calls / USERS) * (60_000 / WINDOW_MS)).toFixed(1)),
    retriesUsed: outcome.retries,
    duplicates: outcome.duplicates,
    jobsLost: outcome.lost,
  };
}

describe("rate limiting", () => {
  it("429 with Retry-After: every wait is at least Retry-After, so calls per job stay at most one per Retry-After", async () => {
    const outcome = await underRateLimit({ kind: "429", retryAfterSeconds: RETRY_AFTER_S });
    // One call per job per Retry-After at most, plus each job's first call.
    const bound = USERS * (Math.floor(WINDOW_MS / (RETRY_AFTER_S * 1000)) + 1);
    expect(outcome.calls).toBeGreaterThanOrEqual(USERS);
    expect(outcome.calls).toBeLessThanOrEqual(bound);
    expect(outcome.waiting.filter((reason) => reason === "rate_limit").length).toBeGreaterThan(0);
    printOutcome("rate_limit_429", { retryAfterS: RETRY_AFTER_S, ...outcomeFigures(outcome, bound) });
  });

  it("403 rateLimitExceeded: jittered exponential backoff in the call, then the job waits — bounded calls per minute", async () => {
    const outcome = await underRateLimit({ kind: "rateLimitExceeded" });
    // One cycle is RETRY_MAX_ATTEMPTS calls separated by waits of at least half of 500·2^n ms, then a
    // reschedule at least half of the next wait away: the shortest cycle bounds the calls.
    const shortestCycleMs = Array.from(
      { length: RETRY_MAX_ATTEMPTS },
      (_, attempt) => (RETRY_BASE_DELAY_MS * 2 ** attempt) / 2,
    ).reduce((sum, ms) => sum + ms, 0);
    const bound = USERS * RETRY_MAX_ATTEMPTS * Math.ceil(WINDOW_MS / shortestCycleMs);
    expect(outcome.calls).toBeGreaterThanOrEqual(USERS * RETRY_MAX_ATTEMPTS);
    expect(outcome.calls).toBeLessThanOrEqual(bound);
    expect(outcome.waiting.filter((reason) => reason === "rate_limit").length).toBeGreaterThan(0);
    printOutcome("rate_limit_403", outcomeFigures(outcome, bound));
  });
});
