import { afterAll, describe, expect, it } from "vitest";
import { OPS_SAMPLE_RETENTION_HOURS, sampleMinute } from "~/lib/ops/record-ops-sample";
import { db } from "~/server/db";
import { jobContext, testBoss } from "../../scripts/test/job-harness";
import { handleOpsSample } from "./ops-sample";

afterAll(async () => {
  await (await testBoss()).stop({ graceful: false });
});

describe("handleOpsSample", () => {
  it("stores this minute's figures for every queue, once however often it runs, and prunes past retention", async () => {
    const stale = new Date(Date.now() - (OPS_SAMPLE_RETENTION_HOURS + 1) * 60 * 60 * 1000);
    await db.opsSample.create({
      data: {
        sampledAt: stale,
        quotaUsed: 1,
        quotaLimit: 1,
        syncLagSeconds: 0,
        dueChannels: 0,
        queues: { create: { queue: "system.ping", ready: 1, deferred: 0, active: 0, failed: 0, completed: 0 } },
      },
    });
    await db.breakerState.create({ data: { upstream: "youtube_feeds", instance: "gone:1", state: "open", changedAt: stale } });

    const context = await jobContext();
    const first = (await handleOpsSample({}, context)) as { sampledAt: Date; queues: number; pruned: number };
    const second = (await handleOpsSample({}, context)) as { sampledAt: Date };
    // Both runs fall in one minute unless the clock ticked over between them; either way each minute has one row.
    expect(first.sampledAt).toEqual(sampleMinute(first.sampledAt));
    expect(first.pruned).toBeGreaterThanOrEqual(1);
    const rows = await db.opsSample.findMany({ where: { sampledAt: { in: [first.sampledAt, second.sampledAt] } }, include: { queues: true } });
    expect(rows).toHaveLength(new Set([first.sampledAt.getTime(), second.sampledAt.getTime()]).size);
    const queues = rows[0]!.queues.map((queue) => queue.queue);
    expect(queues).toHaveLength(first.queues);
    expect(queues).toEqual(expect.arrayContaining(["ops.sample", "sync.enrich", "youtube.import-videos.dead-letter"]));

    expect(await db.opsSample.findUnique({ where: { sampledAt: stale } })).toBeNull();
    expect(await db.opsQueueSample.count({ where: { sampledAt: stale } })).toBe(0);
    expect(await db.breakerState.findUnique({ where: { upstream_instance: { upstream: "youtube_feeds", instance: "gone:1" } } })).toBeNull();
  });
});
