import { describe, expect, it } from "vitest";
import { FEED_WINDOW } from "~/lib/youtube/feed";
import {
  TIER_INTERVAL_MS,
  PUSH_SAFETY_NET_INTERVAL_MS,
  GONE_RECHECK_INTERVAL_MS,
  FAILURE_RETRY_FLOOR_MS,
} from "./check-schedule";
import {
  needsBackfill,
  planAnswered,
  planFailed,
  planParked,
  PUSH_MISS_GRACE_MS,
  vanishedIds,
  type ClaimedChannel,
} from "./check-plan";

const at = new Date("2026-12-06T12:00:00Z");
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ago = (ms: number) => new Date(at.getTime() - ms);
const middle = () => 0.5;
const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(11 - prefix.length, "0")}`);

function channel(overrides: Partial<ClaimedChannel> = {}): ClaimedChannel {
  return {
    channelId: "0193a000-0000-7000-8000-000000000001",
    youtubeChannelId: "UCaaaaaaaaaaaaaaaaaaaaaQ",
    uploadsPlaylistId: null,
    status: "active",
    feedEtag: '"v1"',
    feedLastModified: null,
    recentVideoIds: ["old00000003", "old00000002", "old00000001"],
    lastVideoPublishedAt: ago(30 * DAY_MS),
    leaseExpiresAt: null,
    pushUnhealthySince: null,
    lastPushAt: null,
    tier: "normal",
    failures: 0,
    lastCheckedAt: ago(HOUR_MS),
    earliestFollowAt: ago(60 * DAY_MS),
    ...overrides,
  };
}

const entry = (videoId: string, publishedAgoMs: number) => ({ videoId, publishedAt: ago(publishedAgoMs) });

describe("planAnswered", () => {
  it("writes only the schedule for a 304: next check on the tier, failures cleared, nothing detected", () => {
    const write = planAnswered({
      channel: channel({ failures: 2 }),
      window: { method: "feed", notModified: true },
      at,
      random: middle,
    });
    expect(write).toMatchObject({
      outcome: "unchanged",
      method: "feed",
      failures: 0,
      checkedAt: at,
      channel: null,
      detected: [],
      run: null,
      tier: "normal",
    });
    expect(write.nextCheckAt!.getTime() - at.getTime()).toBe(TIER_INTERVAL_MS.normal);
  });

  it("polls a push-covered channel only as the safety net", () => {
    const covered = channel({ leaseExpiresAt: new Date(at.getTime() + DAY_MS), lastVideoPublishedAt: ago(DAY_MS) });
    const write = planAnswered({ channel: covered, window: { method: "feed", notModified: true }, at, random: middle });
    expect(write.nextCheckAt!.getTime() - at.getTime()).toBe(PUSH_SAFETY_NET_INTERVAL_MS);
  });

  it("detects ids not in the remembered window, keeps the new window and validators, and moves the tier", () => {
    const window = {
      method: "feed" as const,
      notModified: false as const,
      entries: [
        entry("new00000002", HOUR_MS),
        entry("new00000001", 2 * HOUR_MS),
        entry("old00000003", 30 * DAY_MS),
        entry("old00000002", 31 * DAY_MS),
        entry("old00000001", 32 * DAY_MS),
      ],
      etag: '"v2"',
      lastModified: "Sun, 06 Dec 2026 11:00:00 GMT",
    };
    const write = planAnswered({ channel: channel(), window, at, random: middle });
    expect(write.outcome).toBe("new_videos");
    expect(write.detected).toEqual([
      { videoId: "new00000002", reason: "new" },
      { videoId: "new00000001", reason: "new" },
    ]);
    expect(write.channel).toMatchObject({
      recentVideoIds: window.entries.map((item) => item.videoId),
      feedEtag: '"v2"',
      feedLastModified: window.lastModified,
      lastVideoPublishedAt: ago(HOUR_MS),
      status: "active",
    });
    expect(write.tier).toBe("active");
    // New videos are recorded by enrichment, which knows how many projects they became.
    expect(write.run).toBeNull();
  });

  it("on a first look counts only uploads since the earliest follow (with grace), and records a baseline run", () => {
    const first = channel({ lastCheckedAt: null, recentVideoIds: [], earliestFollowAt: ago(2 * HOUR_MS) });
    const window = {
      method: "feed" as const,
      notModified: false as const,
      entries: [entry("fresh000001", HOUR_MS), entry("edge0000001", 2.5 * HOUR_MS), entry("history0001", 10 * DAY_MS)],
    };
    const write = planAnswered({ channel: first, window, at });
    expect(write.detected).toEqual([
      { videoId: "fresh000001", reason: "new" },
      { videoId: "edge0000001", reason: "new" },
    ]);
    const quiet = planAnswered({
      channel: first,
      window: { ...window, entries: [entry("history0001", 10 * DAY_MS)] },
      at,
    });
    expect(quiet).toMatchObject({ outcome: "baseline", detected: [], run: { outcome: "baseline", method: "feed" } });
  });

  it("asks for a backfill when the whole window is new, and adds what it found", () => {
    const window = {
      method: "feed" as const,
      notModified: false as const,
      entries: ids("burst", FEED_WINDOW).map((id, index) => entry(id, index * 60_000)),
    };
    expect(needsBackfill(channel(), window)).toBe(true);
    expect(needsBackfill(channel({ lastCheckedAt: null, recentVideoIds: [] }), window)).toBe(false);
    const backfill = [...window.entries.map((item) => item.videoId), "burst_extra"];
    const write = planAnswered({ channel: channel(), window, backfill, unitsSpent: 1, at });
    expect(write.detected).toHaveLength(FEED_WINDOW + 1);
    expect(write.unitsSpent).toBe(1);
  });

  it("queues remembered ids that newer uploads cannot have pushed out as vanished", () => {
    const window = {
      method: "feed" as const,
      notModified: false as const,
      entries: [entry("old00000003", 30 * DAY_MS), entry("old00000001", 32 * DAY_MS)],
    };
    const write = planAnswered({ channel: channel(), window, at });
    expect(write.detected).toEqual([{ videoId: "old00000002", reason: "vanished" }]);
    // A short window (under 15) has room for every remembered id: one missing from it is gone.
    expect(vanishedIds(["a", "b", "c"], ["x", "a", "b"], 1)).toEqual(["c"]);
    // A full window: the oldest remembered id was pushed out by the new upload, not removed.
    const remembered = ids("r", FEED_WINDOW);
    expect(vanishedIds(remembered, ["n0000000001", ...remembered.slice(0, FEED_WINDOW - 1)], 1)).toEqual([]);
    expect(vanishedIds(["a", "b", "c"], [], 0)).toEqual([]);
  });

  it("marks pushes unhealthy when a safety-net poll finds an upload no push announced, and healthy again after a push", () => {
    const covered = channel({ leaseExpiresAt: new Date(at.getTime() + DAY_MS), lastPushAt: ago(DAY_MS) });
    const window = {
      method: "feed" as const,
      notModified: false as const,
      entries: [
        entry("missed00001", PUSH_MISS_GRACE_MS + 60_000),
        ...covered.recentVideoIds.map((id) => entry(id, 30 * DAY_MS)),
      ],
    };
    const missed = planAnswered({ channel: covered, window, at, random: middle });
    expect(missed.channel).toMatchObject({ pushUnhealthySince: at, resubscribe: true });
    // Polled on its tier (active), not the 6-hour safety net, until pushes resume.
    expect(missed.nextCheckAt!.getTime() - at.getTime()).toBe(TIER_INTERVAL_MS.active);
    const announced = planAnswered({ channel: { ...covered, lastPushAt: ago(60_000) }, window, at });
    expect(announced.channel).toMatchObject({ pushUnhealthySince: null, resubscribe: false });
    const resumed = planAnswered({
      channel: { ...covered, pushUnhealthySince: ago(HOUR_MS), lastPushAt: ago(60_000) },
      window: {
        method: "feed",
        notModified: false,
        entries: covered.recentVideoIds.map((id) => entry(id, 30 * DAY_MS)),
      },
      at,
    });
    expect(resumed.channel?.pushUnhealthySince).toBeNull();
  });

  it("keeps the stored validators when the window came from the playlist", () => {
    const write = planAnswered({
      channel: channel(),
      window: { method: "playlist", notModified: false, entries: [entry("new00000001", HOUR_MS)] },
      unitsSpent: 1,
      at,
    });
    expect(write.channel).not.toHaveProperty("feedEtag");
    expect(write).toMatchObject({ method: "playlist", unitsSpent: 1 });
  });
});

describe("planFailed and planParked", () => {
  it("backs off a failure with full jitter and records it; the failure count grows", () => {
    const write = planFailed({
      channel: channel({ failures: 2 }),
      failure: { kind: "failed", message: "Unexpected error: boom", retryAt: null },
      method: "feed",
      at,
      random: () => 0,
    });
    expect(write).toMatchObject({
      outcome: "failed",
      failures: 3,
      checkedAt: null,
      error: "Unexpected error: boom",
      run: { outcome: "failed", error: "Unexpected error: boom" },
    });
    expect(write.nextCheckAt!.getTime() - at.getTime()).toBe(FAILURE_RETRY_FLOOR_MS);
  });

  it("waits for the quota reset or Showreel's configuration without counting a failure", () => {
    const retryAt = new Date(at.getTime() + 5 * HOUR_MS);
    const quota = planFailed({
      channel: channel({ failures: 1 }),
      failure: { kind: "quota", retryAt, message: "spent" },
      method: "playlist",
      at,
      random: () => 0,
    });
    expect(quota).toMatchObject({
      outcome: "quota_wait",
      failures: 1,
      nextCheckAt: retryAt,
      run: { outcome: "quota_wait" },
    });
    const config = planFailed({
      channel: channel(),
      failure: { kind: "config", retryAt, message: "key refused" },
      method: "playlist",
      at,
    });
    expect(config).toMatchObject({ outcome: "config_wait", failures: 0, nextCheckAt: retryAt });
  });

  it("marks a confirmed-gone channel terminated and looks again weekly; a confirmed channel without uploads is unchanged", () => {
    const gone = planFailed({ channel: channel({ failures: 2 }), failure: { kind: "gone" }, method: "playlist", at });
    expect(gone).toMatchObject({
      outcome: "not_found",
      channel: { status: "terminated" },
      nextCheckAt: new Date(at.getTime() + GONE_RECHECK_INTERVAL_MS),
    });
    const quiet = planFailed({
      channel: channel({ failures: 2, lastVideoPublishedAt: null }),
      failure: { kind: "exists_without_uploads" },
      method: "playlist",
      at,
    });
    expect(quiet).toMatchObject({ outcome: "unchanged", failures: 0, tier: "dormant", run: null });
  });

  it("parks a channel nobody follows without looking at it", () => {
    expect(planParked(channel({ earliestFollowAt: null }))).toMatchObject({
      nextCheckAt: null,
      parked: true,
      outcome: null,
      detected: [],
    });
  });
});
