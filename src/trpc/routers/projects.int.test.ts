import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createTestUser } from "../../../scripts/test/fixtures";
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
    expect(first.items[1]).toMatchObject({ viewCount: 12_345, tools: expect.arrayContaining([{ slug: "figma", name: "Figma" }]) });
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
    await expect(intruder.projects.update({ id: project.id, data: { title: "Hijacked" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.projects.delete({ id: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const caller = createCaller(owner.context);
    const updated = await caller.projects.update({ id: project.id, data: { title: "  My best edit  ", visibility: "public", isShowcase: true } });
    expect(updated).toMatchObject({ title: "My best edit", visibility: "public", isShowcase: true, externalUrl: "https://www.youtube.com/watch?v=ddddddddddA" });
    await expect(caller.projects.update({ id: project.id, data: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.projects.update({ id: project.id, data: { title: "x".repeat(101) } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await caller.projects.delete({ id: project.id })).toEqual({ deleted: true });
    await expect(caller.projects.get({ id: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
