/**
 * applyBatch on the run's own row: a batch that lands while the run waits (another job of it hit the quota)
 * keeps the run waiting with its reason, resume time and message; the batch that finishes the run clears them.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { applyBatch, type BatchCounts } from "./import-run-state";

const counts = (imported: number): BatchCounts => ({
  imported,
  skipped: 0,
  failed: 0,
  unitsSpent: 1,
  skipReasons: { already_imported: 0, unavailable: 0, not_published: 0, unreadable: 0 },
});

async function runOf(status: "running" | "waiting") {
  const user = await createTestUser();
  const resumeAt = new Date(Date.now() + 60 * 60_000);
  const run = await db.importRun.create({
    data: {
      userId: user.id,
      kind: "videos",
      total: 4,
      label: "4 videos",
      params: { videoIds: ["a", "b", "c", "d"] },
      status,
      ...(status === "waiting"
        ? { waitReason: "quota" as const, resumeAt, error: "The daily YouTube quota is spent." }
        : {}),
    },
  });
  return { runId: run.id, resumeAt };
}

const apply = (runId: string, batch: number, imported: number) =>
  db.$transaction((tx) => applyBatch(tx, { runId, batch, counts: counts(imported) }));
const rowOf = (runId: string) => db.importRun.findUniqueOrThrow({ where: { id: runId } });

describe("applyBatch", () => {
  it("a batch landing while the run waits for the quota leaves it waiting, with its reason, resume time and message", async () => {
    const { runId, resumeAt } = await runOf("waiting");
    expect(await apply(runId, 0, 2)).toBe(true);
    expect(await rowOf(runId)).toMatchObject({
      status: "waiting",
      waitReason: "quota",
      resumeAt,
      error: "The daily YouTube quota is spent.",
      imported: 2,
      finishedAt: null,
    });
  });

  it("the batch that finishes a waiting run makes it done and clears what it waited for", async () => {
    const { runId } = await runOf("waiting");
    await apply(runId, 0, 2);
    expect(await apply(runId, 1, 2)).toBe(true);
    const run = await rowOf(runId);
    expect(run).toMatchObject({ status: "done", waitReason: null, resumeAt: null, error: null, imported: 4 });
    expect(run.finishedAt).toBeInstanceOf(Date);
  });

  it("a running run stays running until its last batch, and a batch applied twice counts once", async () => {
    const { runId } = await runOf("running");
    expect(await apply(runId, 0, 2)).toBe(true);
    expect(await apply(runId, 0, 2)).toBe(false);
    expect(await rowOf(runId)).toMatchObject({ status: "running", waitReason: null, imported: 2, finishedAt: null });
    await apply(runId, 1, 2);
    expect(await rowOf(runId)).toMatchObject({ status: "done", imported: 4 });
  });
});
