import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createContextInner } from "~/trpc/context";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";
import { getPortfolio } from "./get-portfolio";

const anonymous = createCaller(createContextInner({ session: null }));

type ProjectSeed = {
  title: string;
  tools?: string[];
  categories?: string[];
  visibility?: "public" | "unlisted" | "private";
  availability?: "available" | "private" | "deleted";
  createdAt: Date;
};

let videoCounter = 0;

async function addProject(userId: string, seed: ProjectSeed) {
  videoCounter += 1;
  const videoId = `pf${String(videoCounter).padStart(8, "0")}A`;
  const [tools, categories] = await Promise.all([
    db.tool.findMany({ where: { slug: { in: seed.tools ?? [] } }, select: { id: true } }),
    db.category.findMany({ where: { slug: { in: seed.categories ?? [] } }, select: { id: true } }),
  ]);
  return db.project.create({
    data: {
      userId,
      slug: `p-${videoId}`,
      title: seed.title,
      youtubeVideoId: videoId,
      externalUrl: `https://www.youtube.com/watch?v=${videoId}`,
      thumbnailUrl: `https://i.ytimg.com/vi/${videoId}/hqdefault.jpg`,
      viewCount: 4_200n,
      visibility: seed.visibility ?? "public",
      availability: seed.availability ?? "available",
      createdAt: seed.createdAt,
      tools: { create: tools.map((tool) => ({ toolId: tool.id })) },
      categories: { create: categories.map((category) => ({ categoryId: category.id })) },
    },
    select: { id: true },
  });
}

/** A creator with three public projects and one of every kind that must never show. */
async function createCreator() {
  const user = await createTestUser();
  const handle = `pf-${randomUUID().slice(0, 8)}`;
  await db.user.update({ where: { id: user.id }, data: { handle, name: "Ana Lee" } });
  const base = Date.now() - 60_000;
  const at = (seconds: number) => new Date(base + seconds * 1000);
  await addProject(user.id, {
    title: "Oldest: Blender donut",
    tools: ["blender"],
    categories: ["data-science"],
    createdAt: at(1),
  });
  await addProject(user.id, { title: "Middle: Figma and Blender", tools: ["figma", "blender"], createdAt: at(2) });
  await addProject(user.id, {
    title: "Newest: Python notebook",
    tools: ["python"],
    categories: ["data-science"],
    createdAt: at(3),
  });
  await addProject(user.id, { title: "Hidden: private", tools: ["blender"], visibility: "private", createdAt: at(4) });
  await addProject(user.id, {
    title: "Hidden: unlisted",
    tools: ["blender"],
    visibility: "unlisted",
    createdAt: at(5),
  });
  await addProject(user.id, {
    title: "Hidden: gone private on YouTube",
    tools: ["blender"],
    availability: "private",
    createdAt: at(6),
  });
  await addProject(user.id, {
    title: "Hidden: deleted on YouTube",
    tools: ["blender"],
    availability: "deleted",
    createdAt: at(7),
  });
  const other = await createTestUser();
  await addProject(other.id, { title: "Hidden: someone else's", tools: ["blender"], createdAt: at(8) });
  return { user, handle };
}

describe("getPortfolio", () => {
  it("shows public, available projects only, newest first, with the profile and filter counts", async () => {
    const { handle } = await createCreator();
    const portfolio = await anonymous.portfolio.byHandle({ handle });
    expect(portfolio.items.map((item) => item.title)).toEqual([
      "Newest: Python notebook",
      "Middle: Figma and Blender",
      "Oldest: Blender donut",
    ]);
    expect(portfolio.nextCursor).toBeNull();
    expect(portfolio.profile).toMatchObject({
      name: "Ana Lee",
      handle,
      avatarUrl: null,
      isOwner: false,
      projectCount: 3,
    });
    expect(portfolio.profile?.tools).toEqual([
      { slug: "blender", name: "Blender", count: 2 },
      { slug: "figma", name: "Figma", count: 1 },
      { slug: "python", name: "Python", count: 1 },
    ]);
    expect(portfolio.profile?.categories).toEqual([expect.objectContaining({ slug: "data-science", count: 2 })]);
    expect(portfolio.items[1]).toMatchObject({
      viewCount: 4_200,
      tools: expect.arrayContaining([{ slug: "figma", name: "Figma" }]),
    });
    // Nothing private about the creator or the analysis reaches a visitor.
    expect(JSON.stringify(portfolio)).not.toMatch(/@test\.showreel\.local|analysis|visibility/);
  });

  it("filters by tool and by category, and by both at once", async () => {
    const { handle } = await createCreator();
    const blender = await anonymous.portfolio.byHandle({ handle, tool: "blender" });
    expect(blender.items.map((item) => item.title)).toEqual(["Middle: Figma and Blender", "Oldest: Blender donut"]);
    // The profile still counts the whole portfolio, so the chips do not vanish while filtering.
    expect(blender.profile?.projectCount).toBe(3);
    const dataScience = await anonymous.portfolio.byHandle({ handle, category: "data-science" });
    expect(dataScience.items.map((item) => item.title)).toEqual(["Newest: Python notebook", "Oldest: Blender donut"]);
    const both = await anonymous.portfolio.byHandle({ handle, tool: "blender", category: "data-science" });
    expect(both.items.map((item) => item.title)).toEqual(["Oldest: Blender donut"]);
    const none = await anonymous.portfolio.byHandle({ handle, tool: "unity" });
    expect(none.items).toEqual([]);
  });

  it("pages with an opaque cursor; later pages skip the profile and survive a project going private", async () => {
    const { user, handle } = await createCreator();
    const first = await anonymous.portfolio.byHandle({ handle, limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual(["Newest: Python notebook", "Middle: Figma and Blender"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    // The last card of the page is hidden before the visitor presses "Load more".
    await db.project.updateMany({
      where: { userId: user.id, title: "Middle: Figma and Blender" },
      data: { visibility: "private" },
    });
    const second = await anonymous.portfolio.byHandle({ handle, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((item) => item.title)).toEqual(["Oldest: Blender donut"]);
    expect(second.nextCursor).toBeNull();
    expect(second.profile).toBeNull();
    await expect(anonymous.portfolio.byHandle({ handle, cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("pages through projects created in the same millisecond without repeating or skipping one", async () => {
    const user = await createTestUser();
    const handle = `pf-${randomUUID().slice(0, 8)}`;
    await db.user.update({ where: { id: user.id }, data: { handle } });
    const createdAt = new Date();
    for (let index = 0; index < 5; index += 1) await addProject(user.id, { title: `Twin ${index}`, createdAt });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof getPortfolio>> = await getPortfolio({
        handle,
        viewerId: null,
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("finds the handle in any case, tells the owner it is theirs, and answers NOT_FOUND for no one", async () => {
    const { user, handle } = await createCreator();
    const shouted = await anonymous.portfolio.byHandle({ handle: handle.toUpperCase() });
    expect(shouted.profile?.handle).toBe(handle);
    const own = await createCaller(user.context).portfolio.byHandle({ handle });
    expect(own.profile?.isOwner).toBe(true);
    await expect(anonymous.portfolio.byHandle({ handle: `nobody-${randomUUID().slice(0, 8)}` })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("shows a creator without public projects as an empty portfolio, and uses their picture", async () => {
    const user = await createTestUser();
    const handle = `pf-${randomUUID().slice(0, 8)}`;
    await db.user.update({ where: { id: user.id }, data: { handle, image: "https://example.com/me.png" } });
    await addProject(user.id, { title: "Hidden: private", visibility: "private", createdAt: new Date() });
    const portfolio = await anonymous.portfolio.byHandle({ handle });
    expect(portfolio.items).toEqual([]);
    expect(portfolio.profile).toMatchObject({
      projectCount: 0,
      tools: [],
      categories: [],
      avatarUrl: "https://example.com/me.png",
    });
  });
});
