import { afterAll, describe, expect, it } from "vitest";
import { sampleMinute } from "~/lib/ops/record-ops-sample";
import { db } from "~/server/db";
import { jobContext, testBoss } from "@test/job-harness";
import { handleOpsSample } from "./ops-sample";

afterAll(async () => {
  await (await testBoss()).stop({ graceful: false });
});

describe("handleOpsSample", () => {
  it("stores this minute's figures for every queue, once however often it runs", async () => {
    const context = await jobContext();
    const first = (await handleOpsSample({}, context)) as { sampledAt: Date; queues: number };
    const second = (await handleOpsSample({}, context)) as { sampledAt: Date };
    // Both runs fall in one minute unless the clock ticked over between them; either way each minute has one row.
    expect(first.sampledAt).toEqual(sampleMinute(first.sampledAt));
    const rows = await db.opsSample.findMany({
      where: { sampledAt: { in: [first.sampledAt, second.sampledAt] } },
      include: { queues: true },
    });
    expect(rows).toHaveLength(new Set([first.sampledAt.getTime(), second.sampledAt.getTime()]).size);
    const queues = rows[0]!.queues.map((queue) => queue.queue);
    expect(queues).toHaveLength(first.queues);
    expect(queues).toEqual(expect.arrayContaining(["ops.sample", "sync.enrich", "youtube.import-videos.dead-letter"]));
  });
});
