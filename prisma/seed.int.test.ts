import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { decryptSecret } from "~/lib/crypto/secret-box";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID } from "../emulator/demo-world";
import { testDatabaseUrl } from "@test/test-db-url";
import { CATEGORY_CATALOG } from "./catalog/categories";
import { TOOL_CATALOG } from "./catalog/tools";
import { DEMO_USER, seed } from "./seed";

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 2 }) });

afterAll(async () => {
  await db.$disconnect();
});

describe("seed", () => {
  it("loads the whole catalog and the demo user (the run's setup already seeded once)", async () => {
    expect(await db.tool.count()).toBe(TOOL_CATALOG.length);
    expect(await db.category.count()).toBe(CATEGORY_CATALOG.length);
    const demo = await db.user.findUniqueOrThrow({
      where: { id: DEMO_USER.id },
      select: { handle: true, email: true },
    });
    expect(demo).toEqual({ handle: DEMO_USER.handle, email: DEMO_USER.email });
    const resolve = await db.tool.findUniqueOrThrow({
      where: { slug: "davinci-resolve" },
      select: { name: true, aliases: true },
    });
    expect(resolve.name).toBe("DaVinci Resolve");
    expect(resolve.aliases).toContain("davinci resolve");
  });

  it("is idempotent: running again changes no row and keeps ids", async () => {
    const before = await db.tool.findMany({
      select: { id: true, slug: true, updatedAt: true },
      orderBy: { slug: "asc" },
    });
    const result = await seed(db);
    const after = await db.tool.findMany({
      select: { id: true, slug: true, updatedAt: true },
      orderBy: { slug: "asc" },
    });
    expect(result).toEqual({
      tools: TOOL_CATALOG.length,
      categories: CATEGORY_CATALOG.length,
      demoUserId: DEMO_USER.id,
    });
    expect(after).toEqual(before);
    expect(await db.user.count({ where: { email: DEMO_USER.email } })).toBe(1);
  });

  it("reports no demo user where none is wanted (production's default; e2e/deploy.spec.ts checks an empty database)", async () => {
    expect(await seed(db, { withDemoUser: false })).toEqual({
      tools: TOOL_CATALOG.length,
      categories: CATEGORY_CATALOG.length,
      demoUserId: null,
    });
  });

  it("converges an edited row back to the catalog", async () => {
    await db.tool.update({ where: { slug: "blender" }, data: { name: "Blender (edited)", aliases: ["x"] } });
    await seed(db);
    const blender = await db.tool.findUniqueOrThrow({
      where: { slug: "blender" },
      select: { name: true, aliases: true },
    });
    const expected = TOOL_CATALOG.find((tool) => tool.slug === "blender")!;
    expect(blender).toEqual({ name: expected.name, aliases: [...expected.aliases] });
  });
});

describe("seed in demo mode", () => {
  it("connects the demo creator to the emulator's demo channel with a sealed token", async () => {
    await seed(db, { withDemoConnection: true });
    const connection = await db.youTubeConnection.findUniqueOrThrow({ where: { userId: DEMO_USER.id } });
    expect(connection).toMatchObject({ youtubeChannelId: DEMO_CHANNEL_ID, status: "active" });
    expect(connection.accessTokenEnc).toMatch(/^v1\./);
    expect(decryptSecret(connection.accessTokenEnc!)).toBe(DEMO_ACCESS_TOKEN);
    await seed(db, { withDemoConnection: true });
    expect(await db.youTubeConnection.count({ where: { userId: DEMO_USER.id } })).toBe(1);
  });
});
