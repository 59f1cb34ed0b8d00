import type { Job } from "pg-boss";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "~/lib/errors";
import { defineJob } from "~/lib/jobs/define-job";
import { createJobRunner, type JobHandler } from "./run-job";

const testJob = defineJob({
  name: "test.do-thing",
  schema: z.object({ runId: z.uuid() }),
  defaults: { retryLimit: 2, expireInSeconds: 30 },
  queue: { policy: "standard", deleteAfterSeconds: 60 },
});
const RUN_ID = "0195f1d2-7a3b-7c4d-8e5f-0123456789ab";

function fakeJob(data: unknown, id = "job-1"): Job<unknown> {
  return {
    id,
    name: testJob.name,
    data,
    expireInSeconds: 30,
    heartbeatSeconds: null,
    retryCount: 0,
    signal: new AbortController().signal,
  };
}

/** A hand-written stand-in for pg-boss's send: records what would have been enqueued. */
function fakeBoss(sendResult: string | null = "next-job") {
  const sent: { name: string; data: object | null | undefined; options: unknown }[] = [];
  return {
    sent,
    send: (async (name: string, data?: object | null, options?: unknown) => {
      sent.push({ name, data, options });
      return sendResult;
    }) as never,
    insert: (async () => null) as never,
    redrive: (async () => 0) as never,
  };
}

function runnerFor(handler: JobHandler<typeof testJob>) {
  const boss = fakeBoss();
  const run = createJobRunner({ contract: testJob, handler, boss, logger: pino({ level: "silent" }) });
  return { run, boss };
}

describe("createJobRunner", () => {
  it("passes the parsed payload and completes with the handler's result", async () => {
    const seen: unknown[] = [];
    const { run } = runnerFor(async (payload, context) => {
      seen.push(payload, context.jobId);
      return { ok: true };
    });
    expect(await run([fakeJob({ runId: RUN_ID })])).toEqual([
      { id: "job-1", status: "completed", output: { ok: true } },
    ]);
    expect(seen).toEqual([{ runId: RUN_ID }, "job-1"]);
  });

  it("dead-letters a bad payload without calling the handler", async () => {
    let calls = 0;
    const { run } = runnerFor(async () => {
      calls += 1;
    });
    const [result] = await run([fakeJob({ runId: "not-a-uuid" })]);
    expect(result?.status).toBe("deadletter");
    expect(calls).toBe(0);
  });

  it("reschedules quota exhaustion at retryAt instead of burning a retry", async () => {
    const retryAt = new Date("2026-11-26T08:00:00.000Z");
    const { run, boss } = runnerFor(async () => {
      throw new AppError("QUOTA_EXHAUSTED", "Quota used up.", { retryAt });
    });
    const [result] = await run([fakeJob({ runId: RUN_ID })]);
    expect(result).toMatchObject({ status: "completed", output: { rescheduledTo: retryAt.toISOString() } });
    expect(boss.sent).toEqual([
      {
        name: testJob.name,
        data: { runId: RUN_ID },
        options: expect.objectContaining({ startAfter: retryAt, retryLimit: 2 }),
      },
    ]);
  });

  it("fails the job for pg-boss to retry when a policy queue refuses the rescheduled copy, so nothing is lost", async () => {
    const boss = fakeBoss(null);
    const run = createJobRunner({
      contract: testJob,
      handler: async () => {
        throw new AppError("RATE_LIMITED", "Slow down.", { retryAt: new Date(Date.now() + 1000) });
      },
      boss,
      logger: pino({ level: "silent" }),
    });
    const [result] = await run([fakeJob({ runId: RUN_ID })]);
    expect(result).toMatchObject({ status: "failed", output: { code: "RATE_LIMITED" } });
    expect(boss.sent).toHaveLength(1);
  });

  it("abandons RECONNECT_REQUIRED, dead-letters INVALID_INPUT, and fails unknown errors for pg-boss to retry", async () => {
    const outcomes = await Promise.all(
      [
        new AppError("RECONNECT_REQUIRED", "Reconnect YouTube."),
        new AppError("INVALID_INPUT", "Bad channel."),
        new Error("socket hang up"),
      ].map(async (error) => {
        const { run, boss } = runnerFor(async () => {
          throw error;
        });
        const [result] = await run([fakeJob({ runId: RUN_ID })]);
        return { status: result?.status, sent: boss.sent.length };
      }),
    );
    expect(outcomes).toEqual([
      { status: "completed", sent: 0 },
      { status: "deadletter", sent: 0 },
      { status: "failed", sent: 0 },
    ]);
  });

  it("settles each job of a batch on its own", async () => {
    const { run } = runnerFor(async (payload) => payload.runId);
    const results = await run([fakeJob({ runId: RUN_ID }, "a"), fakeJob({}, "b")]);
    expect(results.map((result) => [result.id, result.status])).toEqual([
      ["a", "completed"],
      ["b", "deadletter"],
    ]);
  });
});
