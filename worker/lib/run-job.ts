/**
 * The one wrapper every handler runs in. For each job of a batch it parses the payload against the
 * contract, gives the handler a child logger carrying the job id, times it, and turns the outcome into
 * pg-boss's per-job result (docs/house-rules.md R10, R17):
 * - bad payload → dead-letter queue at once, no retry (retrying cannot fix it);
 * - QUOTA_EXHAUSTED / RATE_LIMITED / UPSTREAM_UNAVAILABLE / UPSTREAM_MISCONFIGURED with retryAt → a copy is
 *   scheduled for retryAt and this attempt completes, so waiting for Google (or an operator) never burns a retry;
 * - INVALID_INPUT → dead-letter queue (visible on /ops); RECONNECT_REQUIRED, NOT_FOUND, FORBIDDEN,
 *   CONFLICT → completed as abandoned (the user is told elsewhere; retrying cannot help);
 * - anything else → failed, so pg-boss retries with the queue's backoff and finally dead-letters it.
 */
import type { Job, JobResult } from "pg-boss";
import type { JobContract, JobPayload } from "~/lib/jobs/define-job";
import { requeue, type JobSender } from "~/lib/jobs/enqueue";
import { isAppError, type AppErrorCode } from "~/lib/errors";
import type { Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";

export type JobContext = {
  readonly jobId: string;
  readonly retryCount: number;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** For handlers that enqueue follow-up work (the next page of a channel import). */
  readonly boss: JobSender;
};

export type JobHandler<Contract extends JobContract> = (
  payload: JobPayload<Contract>,
  context: JobContext,
) => Promise<unknown>;

const RESCHEDULED_CODES: ReadonlySet<AppErrorCode> = new Set([
  "QUOTA_EXHAUSTED",
  "RATE_LIMITED",
  "UPSTREAM_UNAVAILABLE",
  "UPSTREAM_MISCONFIGURED",
]);
const DEAD_LETTER_CODES: ReadonlySet<AppErrorCode> = new Set(["INVALID_INPUT"]);

export type JobOutcome = "completed" | "rescheduled" | "abandoned" | "dead_letter" | "failed";

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Payload fields copied onto every log line of the job, so one grep follows a run, channel or project. */
const CORRELATION_KEYS = ["userId", "runId", "channelId", "projectId", "sourceId", "videoId"] as const;

function correlationIds(data: unknown): Record<string, string> {
  if (typeof data !== "object" || data === null) return {};
  const ids: Record<string, string> = {};
  for (const key of CORRELATION_KEYS) {
    const value = (data as Record<string, unknown>)[key];
    // Only short strings: a hostile or broken payload must not put anything big into every line.
    if (typeof value === "string" && value.length <= 64) ids[key] = value;
  }
  return ids;
}

export function createJobRunner<Contract extends JobContract>(options: {
  contract: Contract;
  handler: JobHandler<Contract>;
  boss: JobSender;
  logger: Logger;
  /** Run a batch's jobs concurrently (each still settles on its own). */
  parallel?: boolean;
}) {
  const { contract, handler, boss } = options;
  // Typed as the contract's own schema (not the JobSchema every contract satisfies), so a parsed payload is
  // the handler's payload type.
  const schema: Contract["schema"] = contract.schema;

  async function runOne(job: Job<unknown>): Promise<JobResult & { outcome: JobOutcome }> {
    const logger = options.logger.child({ jobId: job.id, queue: contract.name, ...correlationIds(job.data) });
    const startedAt = performance.now();
    const settle = (outcome: JobOutcome, status: JobResult["status"], output?: unknown) => {
      metrics.jobDurationSeconds.observe({ queue: contract.name, outcome }, (performance.now() - startedAt) / 1000);
      if (outcome !== "completed") metrics.jobFailuresTotal.inc({ queue: contract.name, reason: outcome });
      return { id: job.id, status, output, outcome };
    };

    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ issues: parsed.error.issues }, "jobs.invalid_payload");
      return settle("dead_letter", "deadletter", { error: "invalid payload", issues: parsed.error.issues });
    }

    try {
      const result = await handler(parsed.data, {
        jobId: job.id,
        retryCount: job.retryCount,
        signal: job.signal,
        logger,
        boss,
      });
      return settle("completed", "completed", result ?? null);
    } catch (error) {
      if (isAppError(error) && RESCHEDULED_CODES.has(error.code) && error.retryAt) {
        const nextId = await requeue(boss, contract, parsed.data, { startAfter: error.retryAt });
        if (nextId === null) {
          // A policy queue refused the copy (its key is still held by this job): let pg-boss retry this one instead.
          logger.warn({ code: error.code, retryAt: error.retryAt }, "jobs.reschedule_refused");
          return settle("failed", "failed", { error: error.message, code: error.code });
        }
        logger.warn({ code: error.code, retryAt: error.retryAt, nextJobId: nextId }, "jobs.rescheduled");
        return settle("rescheduled", "completed", { rescheduledTo: error.retryAt.toISOString(), code: error.code });
      }
      if (isAppError(error) && DEAD_LETTER_CODES.has(error.code)) {
        logger.error({ code: error.code, err: error }, "jobs.dead_lettered");
        return settle("dead_letter", "deadletter", { code: error.code, error: error.message });
      }
      if (isAppError(error) && !RESCHEDULED_CODES.has(error.code)) {
        logger.warn({ code: error.code, error: error.message }, "jobs.abandoned");
        return settle("abandoned", "completed", { abandoned: error.code, error: error.message });
      }
      logger.error({ err: error, retryCount: job.retryCount }, "jobs.failed");
      return settle("failed", "failed", { error: describe(error) });
    }
  }

  return async function runBatch(jobs: Job<unknown>[]): Promise<JobResult[]> {
    if (options.parallel) {
      const settled = await Promise.all(jobs.map(runOne));
      return settled.map(({ outcome: _outcome, ...result }) => result);
    }
    const results: JobResult[] = [];
    for (const job of jobs) {
      const { outcome: _outcome, ...result } = await runOne(job);
      results.push(result);
    }
    return results;
  };
}
