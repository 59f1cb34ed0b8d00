import { describe, expect, it } from "vitest";
import { loadCatalogIndex } from "~/lib/analysis/catalog-matcher";
import type { YouTubeVideo } from "~/lib/youtube/normalize";
import { db, onQuery } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { createProjectsFromVideos } from "./create-projects-from-videos";

function fakeVideos(count: number, prefix: string): YouTubeVideo[] {
  return Array.from({ length: count }, (_, index) => ({
    // Real ids end in one of 16 characters; "A" is one of them.
    id: `${prefix}${String(index).padStart(10 - prefix.length, "0")}A`,
    channelId: "UC_x5XG1OV2P6uZZ5FSM9Ttw",
    channelTitle: "Bulk",
    title: index % 2 ? `Blender and Python tutorial ${index}` : `東京の夜 — DaVinci Resolve grade ${index}`,
    description: "Made with Figma and After Effects",
    publishedAt: new Date("2026-01-01T00:00:00Z"),
    durationSeconds: 300,
    kind: "video",
    thumbnailUrl: null,
    viewCount: 1_000_000_000_000,
    likeCount: null,
    commentCount: 5,
    privacyStatus: "public",
    madeForKids: index % 5 === 0,
    tags: [],
    live: null,
  }));
}

async function createCounting(userId: string, videos: YouTubeVideo[]) {
  const catalog = await loadCatalogIndex();
  let queries = 0;
  const stop = onQuery(() => (queries += 1));
  try {
    const result = await db.$transaction(
      (tx) =>
        createProjectsFromVideos({
          tx,
          owners: [{ userId, contentSourceId: null }],
          videos,
          importRunId: null,
          catalog,
        }),
      { timeout: 60_000 },
    );
    return { result, queries };
  } finally {
    stop();
  }
}

describe("createProjectsFromVideos", () => {
  it("tags 1,000 videos with a constant number of queries (none per video)", async () => {
    const user = await createTestUser();
    const few = await createCounting(user.id, fakeVideos(10, "few"));
    const many = await createCounting(user.id, fakeVideos(1000, "many"));
    expect(few.result.createdVideoIds).toHaveLength(10);
    expect(many.result.createdVideoIds).toHaveLength(1000);
    expect(many.queries).toBe(few.queries);
    const sample = await db.project.findFirstOrThrow({
      where: { userId: user.id, youtubeVideoId: "many000001A" },
      select: { slug: true, viewCount: true, tools: { select: { tool: { select: { slug: true } } } } },
    });
    expect(sample.tools.map((link) => link.tool.slug).sort()).toEqual(
      expect.arrayContaining(["after-effects", "blender", "figma", "python"]),
    );
    expect(sample.viewCount).toBe(1_000_000_000_000n);
    const japanese = await db.project.findFirstOrThrow({
      where: { userId: user.id, youtubeVideoId: "many000000A" },
      select: { slug: true, privacyStatus: true, madeForKids: true, availability: true, youtubeDataAt: true },
    });
    expect(japanese.slug).toMatch(/^東京の夜-davinci-resolve-grade-0-many000000A$/);
    // Privacy and made-for-kids come from the same INSERT; the data's age starts at it.
    expect(japanese).toMatchObject({ privacyStatus: "public", madeForKids: true, availability: "available" });
    expect(Date.now() - japanese.youtubeDataAt.getTime()).toBeLessThan(120_000);
  }, 120_000);

  it("never creates a video twice for a user", async () => {
    const user = await createTestUser();
    await createCounting(user.id, fakeVideos(5, "dup"));
    const again = await createCounting(user.id, fakeVideos(5, "dup"));
    expect(again.result.createdVideoIds).toEqual([]);
    expect(await db.project.count({ where: { userId: user.id } })).toBe(5);
  });
});
