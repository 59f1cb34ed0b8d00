import { describe, expect, it } from "vitest";
import { MAX_PROJECT_CATEGORIES, MAX_PROJECT_TOOLS, MAX_PROJECT_TOPICS } from "~/lib/projects/projects.schema";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { createCaller } from "./_app";

async function projectWithTags(userId: string, videoId: string, toolSlugs: string[], createdAt: Date) {
  const tools = await db.tool.findMany({ where: { slug: { in: toolSlugs } }, select: { id: true } });
  return db.project.create({
    data: {
      userId,
      slug: `p-${videoId}`,
      title: `Project ${videoId}`,
      youtubeVideoId: videoId,
      externalUrl: `https://www.youtube.com/watch?v=${videoId}`,
      viewCount: 12_345n,
      createdAt,
      tools: { create: tools.map((tool) => ({ toolId: tool.id })) },
    },
  });
}

describe("projects router", () => {
  it("lists newest first with cursor paging, tags as names, views as numbers, and filters by tool", async () => {
    const user = await createTestUser();
    const base = Date.now();
    await projectWithTags(user.id, "aaaaaaaaaaA", ["blender"], new Date(base - 3000));
    await projectWithTags(user.id, "bbbbbbbbbbA", ["figma", "blender"], new Date(base - 2000));
    await projectWithTags(user.id, "ccccccccccA", ["python"], new Date(base - 1000));
    const caller = createCaller(user.context);
    const first = await caller.projects.list({ limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual(["Project ccccccccccA", "Project bbbbbbbbbbA"]);
    expect(first.items[1]).toMatchObject({
      viewCount: 12_345,
      tools: expect.arrayContaining([{ slug: "figma", name: "Figma" }]),
    });
    const second = await caller.projects.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((item) => item.title)).toEqual(["Project aaaaaaaaaaA"]);
    expect(second.nextCursor).toBeNull();
    const blender = await caller.projects.list({ tool: "blender" });
    expect(blender.items.map((item) => item.title).sort()).toEqual(["Project aaaaaaaaaaA", "Project bbbbbbbbbbA"]);
  });

  it("updates and deletes only the owner's projects", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const project = await projectWithTags(owner.id, "ddddddddddA", [], new Date());
    const intruder = createCaller(other.context);
    await expect(intruder.projects.get({ id: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.projects.update({ id: project.id, data: { title: "Hijacked" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(intruder.projects.delete({ id: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const caller = createCaller(owner.context);
    const updated = await caller.projects.update({
      id: project.id,
      data: { title: "  My best edit  ", visibility: "public", isShowcase: true },
    });
    expect(updated).toMatchObject({
      title: "My best edit",
      visibility: "public",
      isShowcase: true,
      externalUrl: "https://www.youtube.com/watch?v=ddddddddddA",
    });
    await expect(caller.projects.update({ id: project.id, data: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.projects.update({ id: project.id, data: { title: "x".repeat(101) } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await caller.projects.delete({ id: project.id })).toEqual({ deleted: true });
    await expect(caller.projects.get({ id: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("projects tags and catalog", () => {
  const slugsOf = (tags: { slug: string }[]) => tags.map((tag) => tag.slug).sort();

  it("lists the whole catalog: ids, names and slugs only", async () => {
    const user = await createTestUser();
    const catalog = await createCaller(user.context).projects.catalog();
    expect(catalog.tools.length).toBeGreaterThanOrEqual(150);
    expect(catalog.categories.length).toBeGreaterThanOrEqual(15);
    expect(catalog.tools.find((tool) => tool.slug === "blender")).toEqual({
      id: expect.any(String),
      name: "Blender",
      slug: "blender",
    });
    expect(catalog.categories.find((category) => category.slug === "data-science")).toEqual({
      id: expect.any(String),
      name: "Data Science",
      slug: "data-science",
    });
  });

  it("replaces tools, categories and topics as whole sets, leaving what was not sent alone", async () => {
    const user = await createTestUser();
    const project = await projectWithTags(user.id, "eeeeeeeeeeA", ["blender", "figma"], new Date());
    const caller = createCaller(user.context);

    const updated = await caller.projects.update({
      id: project.id,
      data: {
        toolSlugs: ["python", "figma", "python"],
        categorySlugs: ["data-science"],
        topics: ["  Node   graphs ", "node graphs", "UE5"],
      },
    });
    expect(slugsOf(updated.tools)).toEqual(["figma", "python"]);
    expect(slugsOf(updated.categories)).toEqual(["data-science"]);
    expect(updated.topics).toEqual(["Node graphs", "UE5"]);

    const titled = await caller.projects.update({ id: project.id, data: { title: "Renamed" } });
    expect(slugsOf(titled.tools)).toEqual(["figma", "python"]);
    expect(titled.topics).toEqual(["Node graphs", "UE5"]);

    const cleared = await caller.projects.update({
      id: project.id,
      data: { toolSlugs: [], categorySlugs: [], topics: [] },
    });
    expect(cleared).toMatchObject({ title: "Renamed", tools: [], categories: [], topics: [] });
  });

  it("refuses unknown slugs by name and changes nothing", async () => {
    const user = await createTestUser();
    const project = await projectWithTags(user.id, "ffffffffffA", ["blender"], new Date());
    const caller = createCaller(user.context);
    const attempt = caller.projects.update({
      id: project.id,
      data: { title: "Should not stick", toolSlugs: ["figma", "no-such-tool", "nor-this"] },
    });
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Unknown tools: no-such-tool, nor-this.",
    });
    await expect(
      caller.projects.update({ id: project.id, data: { categorySlugs: ["not-a-category"] } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Unknown categories: not-a-category.",
    });
    const unchanged = await caller.projects.get({ id: project.id });
    expect(unchanged.title).toBe("Project ffffffffffA");
    expect(slugsOf(unchanged.tools)).toEqual(["blender"]);
  });

  it("lets only the owner change tags", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const project = await projectWithTags(owner.id, "ggggggggggA", ["blender"], new Date());
    await expect(
      createCaller(other.context).projects.update({ id: project.id, data: { toolSlugs: ["figma"] } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(slugsOf((await createCaller(owner.context).projects.get({ id: project.id })).tools)).toEqual(["blender"]);
  });

  it("bounds the lists and each topic", async () => {
    const user = await createTestUser();
    const project = await projectWithTags(user.id, "hhhhhhhhhhA", [], new Date());
    const caller = createCaller(user.context);
    const { tools, categories } = await caller.projects.catalog();
    const tooMany = <T>(items: T[], max: number) => items.slice(0, max + 1);
    await expect(
      caller.projects.update({
        id: project.id,
        data: { toolSlugs: tooMany(tools, MAX_PROJECT_TOOLS).map((tool) => tool.slug) },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.projects.update({
        id: project.id,
        data: { categorySlugs: tooMany(categories, MAX_PROJECT_CATEGORIES).map((category) => category.slug) },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.projects.update({
        id: project.id,
        data: { topics: Array.from({ length: MAX_PROJECT_TOPICS + 1 }, (_, index) => `topic ${index}`) },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.projects.update({ id: project.id, data: { topics: ["x".repeat(41)] } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.projects.update({ id: project.id, data: { topics: ["   "] } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.projects.update({ id: project.id, data: { toolSlugs: ["Not A Slug"] } })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );

    const atLimit = await caller.projects.update({
      id: project.id,
      data: { toolSlugs: tools.slice(0, MAX_PROJECT_TOOLS).map((tool) => tool.slug), topics: ["x".repeat(40)] },
    });
    expect(atLimit.tools).toHaveLength(MAX_PROJECT_TOOLS);
    expect(atLimit.topics).toEqual(["x".repeat(40)]);
  });

  it("names the channel a followed source imported the project from", async () => {
    const user = await createTestUser();
    const channel = await db.channel.create({
      data: {
        youtubeChannelId: `UC${crypto.randomUUID().replaceAll("-", "").slice(0, 22)}`,
        title: "Followed Channel",
      },
    });
    const source = await db.contentSource.create({ data: { userId: user.id, channelId: channel.id } });
    const project = await projectWithTags(user.id, "iiiiiiiiiiA", [], new Date());
    const caller = createCaller(user.context);
    expect((await caller.projects.get({ id: project.id })).sourceChannelTitle).toBeNull();
    await db.project.update({ where: { id: project.id }, data: { contentSourceId: source.id } });
    expect((await caller.projects.get({ id: project.id })).sourceChannelTitle).toBe("Followed Channel");
  });
});
