import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { countStatements } from "@test/count-statements";
import { createTestUser } from "@test/test-user";
import { listProjects } from "./list-projects";
import { listProjectsInputSchema } from "./projects.schema";

async function projectsWithTags(userId: string, count: number) {
  const [blender, python] = await Promise.all(
    ["blender", "python"].map((slug) =>
      db.tool.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true } }),
    ),
  );
  const tutorial = await db.category.findFirstOrThrow({ select: { id: true, slug: true, name: true } });
  for (let index = 0; index < count; index += 1) {
    await db.project.create({
      data: {
        user: { connect: { id: userId } },
        slug: `listed-${index}`,
        title: `Listed ${index}`,
        kind: "video",
        youtubeVideoId: `listed${String(index).padStart(4, "0")}A`,
        externalUrl: `https://www.youtube.com/watch?v=listed${String(index).padStart(4, "0")}A`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
        tools: {
          create:
            index % 2 === 0
              ? [{ tool: { connect: { id: blender!.id } } }, { tool: { connect: { id: python!.id } } }]
              : [{ tool: { connect: { id: python!.id } } }],
        },
        categories: { create: index % 3 === 0 ? [{ category: { connect: { id: tutorial.id } } }] : [] },
      },
    });
  }
  return { tutorial };
}

describe("listProjects", () => {
  it("reads a page with its tools and categories in one statement, filtered or paged", async () => {
    const user = await createTestUser();
    const { tutorial } = await projectsWithTags(user.id, 7);

    const first = await countStatements(() =>
      listProjects({ userId: user.id, ...listProjectsInputSchema.parse({ limit: 3 }) }),
    );
    expect(first.statements).toBe(1);
    expect(first.result.items.map((item) => item.title)).toEqual(["Listed 6", "Listed 5", "Listed 4"]);
    expect(first.result.items[0]).toMatchObject({
      tools: expect.arrayContaining([
        expect.objectContaining({ slug: "blender" }),
        expect.objectContaining({ slug: "python" }),
      ]),
      categories: [{ slug: tutorial.slug, name: tutorial.name }],
    });
    expect(first.result.items[1]).toMatchObject({
      tools: [expect.objectContaining({ slug: "python" })],
      categories: [],
    });

    const next = await countStatements(() =>
      listProjects({
        userId: user.id,
        ...listProjectsInputSchema.parse({ limit: 3, cursor: first.result.nextCursor }),
      }),
    );
    expect(next.statements).toBe(1);
    expect(next.result.items.map((item) => item.title)).toEqual(["Listed 3", "Listed 2", "Listed 1"]);

    const byTool = await countStatements(() =>
      listProjects({ userId: user.id, ...listProjectsInputSchema.parse({ tool: "blender" }) }),
    );
    expect(byTool.statements).toBe(1);
    expect(byTool.result.items.map((item) => item.title)).toEqual(["Listed 6", "Listed 4", "Listed 2", "Listed 0"]);
    expect(byTool.result.nextCursor).toBeNull();

    const byCategory = await countStatements(() =>
      listProjects({ userId: user.id, ...listProjectsInputSchema.parse({ category: tutorial.slug }) }),
    );
    expect(byCategory.statements).toBe(1);
    expect(byCategory.result.items.map((item) => item.title)).toEqual(["Listed 6", "Listed 3", "Listed 0"]);

    await expect(
      listProjects({ userId: user.id, ...listProjectsInputSchema.parse({ cursor: "not-a-cursor" }) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
