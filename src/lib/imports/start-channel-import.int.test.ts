/**
 * Channel import through the procedure, the real queue and the worker's handlers, against the emulator:
 * calls and units are counted by the emulator, projects by the database.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { importChannelPageJob } from "~/lib/jobs/import-channel-page.job";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { handleImportChannelPage } from "../../../worker/handlers/import-channel-page";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { drainJobs } from "@test/job-harness";

type Counters = { requests: { byEndpoint: Record<string, number> }; unitsCharged: number };

const control = testEmulatorControl();

async function channelWith(videos: number, extra: { privateVideos?: number } = {}) {
  const handle = `imp${randomUUID().slice(0, 8)}`;
  const channel = await control<{ id: string }>("POST", "/channels", {
    title: `Channel ${handle}`,
    handle: `@${handle}`,
  });
  for (let index = 0; index < videos; index += 1) {
    await control("POST", `/channels/${channel.id}/videos`, {
      kind: index % 10 === 0 ? "short" : "video",
      privacy: "public",
    });
  }
  for (let index = 0; index < (extra.privateVideos ?? 0); index += 1) {
    await control("POST", `/channels/${channel.id}/videos`, { kind: "video", privacy: "private" });
  }
  return { ...channel, handle };
}

const counters = () => control<Counters>("GET", "/counters");
const dataApiCalls = (before: Counters, after: Counters) =>
  Object.fromEntries(
    ["channels.list", "playlistItems.list", "videos.list"].map((name) => [
      name,
      (after.requests.byEndpoint[name] ?? 0) - (before.requests.byEndpoint[name] ?? 0),
    ]),
  );

describe("imports.importChannel", () => {
  it("imports a 300-video channel in 13 calls and 13 units; a second import creates nothing and skips 300", async () => {
    const channel = await channelWith(300);
    const user = await createTestUser();
    const caller = createCaller(user.context);

    const before = await counters();
    const { runId } = await caller.imports.importChannel({
      channel: `https://www.youtube.com/channel/${channel.id}`,
      maxVideos: 5000,
    });
    await drainJobs(importChannelPageJob, handleImportChannelPage);
    const after = await counters();

    expect(dataApiCalls(before, after)).toEqual({ "channels.list": 1, "playlistItems.list": 6, "videos.list": 6 });
    expect(after.unitsCharged - before.unitsCharged).toBe(13);
    expect(await caller.imports.get({ runId })).toMatchObject({
      status: "done",
      total: 300,
      imported: 300,
      skipped: 0,
      failed: 0,
      unitsSpent: 13,
      label: `Channel ${channel.handle}`,
    });
    expect(await db.project.count({ where: { userId: user.id } })).toBe(300);
    expect(await db.project.count({ where: { userId: user.id, kind: "short" } })).toBe(30);

    const again = await caller.imports.importChannel({ channel: `@${channel.handle}`, maxVideos: 5000 });
    await drainJobs(importChannelPageJob, handleImportChannelPage);
    expect(await caller.imports.get({ runId: again.runId })).toMatchObject({
      status: "done",
      imported: 0,
      skipped: 300,
      skipReasons: { already_imported: 300 },
    });
    expect(await db.project.count({ where: { userId: user.id } })).toBe(300);
  }, 120_000);

  it("stops at maxVideos, counts private uploads as skipped, and follows the channel when asked", async () => {
    const channel = await channelWith(70, { privateVideos: 3 });
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const { runId } = await caller.imports.importChannel({ channel: channel.id, maxVideos: 60, follow: true });
    await drainJobs(importChannelPageJob, handleImportChannelPage);
    const run = await caller.imports.get({ runId });
    expect(run.status).toBe("done");
    expect(run.total).toBe(60);
    expect(run.imported + run.skipped).toBe(60);
    const source = await db.contentSource.findFirst({
      where: { userId: user.id },
      select: {
        syncEnabled: true,
        channel: { select: { youtubeChannelId: true } },
        _count: { select: { projects: true } },
      },
    });
    expect(source).toMatchObject({ syncEnabled: true, channel: { youtubeChannelId: channel.id } });
    expect(source!._count.projects).toBe(run.imported);
  }, 60_000);

  // Google answers the uploads list of a channel that never published with a 404 or an empty list, per channel.
  it.each(["playlistNotFound", "emptyList"] as const)(
    "finishes a channel that never published as done with 0 videos when its uploads list answers %s",
    async (emptyUploads) => {
      const handle = `emp${randomUUID().slice(0, 8)}`;
      const channel = await control<{ id: string }>("POST", "/channels", {
        title: `Empty ${handle}`,
        handle: `@${handle}`,
        emptyUploads,
      });
      const user = await createTestUser();
      const caller = createCaller(user.context);

      const before = await counters();
      const { runId } = await caller.imports.importChannel({ channel: `@${handle}`, follow: true });
      await drainJobs(importChannelPageJob, handleImportChannelPage);
      const after = await counters();

      // The channel (1 unit) and one page of its uploads (1 unit); no videos.list for nothing.
      expect(dataApiCalls(before, after)).toEqual({ "channels.list": 1, "playlistItems.list": 1, "videos.list": 0 });
      const run = await caller.imports.get({ runId });
      expect(run).toMatchObject({
        kind: "channel",
        status: "done",
        total: 0,
        imported: 0,
        skipped: 0,
        failed: 0,
        unitsSpent: 2,
        error: null,
        label: `Empty ${handle}`,
      });
      expect(run.finishedAt).not.toBeNull();
      // Followed all the same: its first upload will arrive through sync.
      const source = await db.contentSource.findFirst({
        where: { userId: user.id },
        select: { syncEnabled: true, channel: { select: { youtubeChannelId: true } } },
      });
      expect(source).toEqual({ syncEnabled: true, channel: { youtubeChannelId: channel.id } });
    },
  );

  it("records the channel it finds as active, even one the sync engine had marked gone", async () => {
    const channel = await channelWith(2);
    await db.channel.create({
      data: { youtubeChannelId: channel.id, title: "Old title", status: "terminated" },
    });
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const { runId } = await caller.imports.importChannel({ channel: channel.id });
    await drainJobs(importChannelPageJob, handleImportChannelPage);
    expect(await caller.imports.get({ runId })).toMatchObject({ status: "done", imported: 2 });
    expect(await db.channel.findUnique({ where: { youtubeChannelId: channel.id } })).toMatchObject({
      status: "active",
      title: `Channel ${channel.handle}`,
      handle: channel.handle,
    });
  });

  it("ends with a clear error for a handle that does not exist, and rejects legacy /c/ links up front", async () => {
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const { runId } = await caller.imports.importChannel({ channel: "@no-such-channel-anywhere" });
    await drainJobs(importChannelPageJob, handleImportChannelPage);
    expect(await caller.imports.get({ runId })).toMatchObject({
      status: "failed",
      error: "No YouTube channel was found for @no-such-channel-anywhere.",
    });
    await expect(caller.imports.importChannel({ channel: "https://www.youtube.com/c/SomeName" })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );
    await expect(caller.imports.importChannel({ channel: "https://evil.com/@x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      caller.imports.importChannel({ channel: "UC_x5XG1OV2P6uZZ5FSM9Ttw", maxVideos: 5001 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
