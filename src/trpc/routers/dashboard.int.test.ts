import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { createContextInner } from "../context";
import { createCaller } from "./_app";

/** A follow of a new channel; `schedule` is its sync state (the ChannelSchedule row a trigger inserted). */
async function follow(
  userId: string,
  channel: Partial<Prisma.ChannelCreateInput>,
  syncEnabled = true,
  schedule: Prisma.ChannelScheduleUpdateInput = {},
) {
  const created = await db.channel.create({
    data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, title: "A channel", ...channel },
  });
  await db.channelSchedule.update({ where: { channelId: created.id }, data: schedule });
  await db.contentSource.create({ data: { userId, channelId: created.id, syncEnabled } });
}

async function addProjects(userId: string, count: number) {
  for (let index = 0; index < count; index += 1) {
    const videoId = randomUUID().slice(0, 11);
    await db.project.create({
      data: {
        userId,
        slug: `p-${videoId}`,
        title: `Project ${index}`,
        youtubeVideoId: videoId,
        externalUrl: `https://youtu.be/${videoId}`,
      },
    });
  }
}

describe("dashboard.summary", () => {
  it("sums up the viewer's follows by sync state, counts projects and lists only active runs", async () => {
    const user = await createTestUser();
    const checkedAt = new Date("2026-11-20T10:00:00Z");
    await follow(user.id, {}, true, { lastCheckedAt: checkedAt, lastOutcome: "unchanged" });
    await follow(user.id, {}, true, {
      lastCheckedAt: new Date("2026-11-20T09:00:00Z"),
      lastOutcome: "quota_wait",
      failures: 1,
    });
    await follow(user.id, {}, true, { failures: 2, lastOutcome: "failed" });
    await follow(user.id, { status: "terminated" });
    await follow(user.id, {}, false, { failures: 3, lastCheckedAt: new Date("2026-11-21T00:00:00Z") });
    await addProjects(user.id, 2);
    for (const status of ["done", "queued", "running", "waiting", "failed", "partial"] as const) {
      await db.importRun.create({ data: { userId: user.id, kind: "videos", status, label: status } });
    }

    const summary = await createCaller(user.context).dashboard.summary();
    expect(summary.user).toEqual({ name: "Test user", timeZone: null });
    expect(summary.projectCount).toBe(2);
    // Paused follows are counted once, as paused, whatever their channel's state; their checks don't count.
    expect(summary.sources).toEqual({ total: 5, paused: 1, waiting: 1, failing: 2, lastCheckedAt: checkedAt });
    expect(summary.activeRuns.map((run) => run.label)).toEqual(["waiting", "running", "queued"]);
    expect(summary.hasMoreActiveRuns).toBe(false);
  });

  it("shows a new user zeros, never another user's rows, and caps the active runs it lists", async () => {
    const owner = await createTestUser();
    const viewer = await createTestUser();
    await follow(owner.id, {});
    await addProjects(owner.id, 1);
    for (let index = 0; index < 7; index += 1) {
      await db.importRun.create({ data: { userId: owner.id, kind: "videos", status: "running" } });
    }
    await db.user.update({ where: { id: viewer.id }, data: { timezone: "Europe/Berlin" } });

    const empty = await createCaller(viewer.context).dashboard.summary();
    expect(empty).toEqual({
      user: { name: "Test user", timeZone: "Europe/Berlin" },
      projectCount: 0,
      sources: { total: 0, paused: 0, waiting: 0, failing: 0, lastCheckedAt: null },
      activeRuns: [],
      hasMoreActiveRuns: false,
    });
    const full = await createCaller(owner.context).dashboard.summary();
    expect(full.activeRuns).toHaveLength(5);
    expect(full.hasMoreActiveRuns).toBe(true);
  });

  it("is for signed-in users only", async () => {
    await expect(createCaller(createContextInner({ session: null })).dashboard.summary()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
