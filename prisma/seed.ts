/**
 * The seed: the tool and category catalog the matcher uses, and — outside production — a demo user with a
 * public handle.
 * Idempotent — every run converges the rows to prisma/catalog/*.ts (one statement per table, keyed on
 * slug), so re-running after editing the catalog updates names, aliases and keywords in place.
 */
import { hashPassword } from "better-auth/crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { DEMO_ACCESS_TOKEN, DEMO_ACCOUNT_SUB, DEMO_CHANNEL_HANDLE, DEMO_CHANNEL_ID } from "../emulator/demo-world";
import { CATEGORY_CATALOG } from "./catalog/categories";
import { TOOL_CATALOG } from "./catalog/tools";

export const DEMO_USER = {
  id: "demo-user",
  name: "Demo Creator",
  email: "demo@showreel.local",
  handle: "demo",
} as const;

/** Development only: lets "Try the demo" sign in with email + password. Never seeded in production. */
export const DEMO_PASSWORD = "showreel-demo";

export type SeedResult = { tools: number; categories: number; demoUserId: string | null };

/** The emulator's demo token never expires; the stored expiry says so, so no refresh is ever attempted. */
const DEMO_TOKEN_LIFETIME_MS = 10 * 365 * 24 * 60 * 60 * 1000;

export async function seed(
  db: PrismaClient,
  options: { withDemoUser?: boolean; withDemoPassword?: boolean; withDemoConnection?: boolean } = {},
): Promise<SeedResult> {
  // A production database gets the catalog only: no passwordless demo user with a public page.
  const withDemoUser = options.withDemoUser ?? process.env.NODE_ENV !== "production";
  const tools = TOOL_CATALOG.map((tool) => ({ name: tool.name, slug: tool.slug, aliases: [...tool.aliases] }));
  const categories = CATEGORY_CATALOG.map((category) => ({
    name: category.name,
    slug: category.slug,
    keywords: [...category.keywords],
  }));

  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Tool" ("name", "slug", "aliases", "updatedAt")
      SELECT x.name, x.slug, ARRAY(SELECT jsonb_array_elements_text(x.aliases)), now()
        FROM jsonb_to_recordset(${JSON.stringify(tools)}::jsonb) AS x(name text, slug text, aliases jsonb)
      ON CONFLICT ("slug") DO UPDATE
        SET "name" = EXCLUDED."name", "aliases" = EXCLUDED."aliases", "updatedAt" = now()
        WHERE ("Tool"."name", "Tool"."aliases") IS DISTINCT FROM (EXCLUDED."name", EXCLUDED."aliases")`;
    await tx.$executeRaw`
      INSERT INTO "Category" ("name", "slug", "keywords", "updatedAt")
      SELECT x.name, x.slug, ARRAY(SELECT jsonb_array_elements_text(x.keywords)), now()
        FROM jsonb_to_recordset(${JSON.stringify(categories)}::jsonb) AS x(name text, slug text, keywords jsonb)
      ON CONFLICT ("slug") DO UPDATE
        SET "name" = EXCLUDED."name", "keywords" = EXCLUDED."keywords", "updatedAt" = now()
        WHERE ("Category"."name", "Category"."keywords") IS DISTINCT FROM (EXCLUDED."name", EXCLUDED."keywords")`;
    if (withDemoUser) {
      await tx.user.upsert({
        where: { id: DEMO_USER.id },
        update: {},
        create: { ...DEMO_USER, emailVerified: true },
      });
    }
  });
  if (!withDemoUser) {
    const [toolCount, categoryCount] = await Promise.all([db.tool.count(), db.category.count()]);
    return { tools: toolCount, categories: categoryCount, demoUserId: null };
  }
  if (options.withDemoPassword ?? process.env.NODE_ENV !== "production") {
    const existing = await db.account.findFirst({
      where: { userId: DEMO_USER.id, providerId: "credential" },
      select: { id: true },
    });
    if (!existing) {
      await db.account.create({
        data: {
          id: `${DEMO_USER.id}-credential`,
          userId: DEMO_USER.id,
          providerId: "credential",
          accountId: DEMO_USER.id,
          password: await hashPassword(DEMO_PASSWORD),
        },
      });
    }
  }

  // Demo mode only: the demo creator is connected to the emulator's demo channel, so "Try the demo"
  // lands on a working My Videos page. Tokens are sealed with this process's key, the app's key.
  if (options.withDemoConnection) {
    await db.youTubeConnection.upsert({
      where: { userId: DEMO_USER.id },
      update: {},
      create: {
        userId: DEMO_USER.id,
        googleAccountId: DEMO_ACCOUNT_SUB,
        youtubeChannelId: DEMO_CHANNEL_ID,
        channelTitle: "Demo Creator",
        channelHandle: DEMO_CHANNEL_HANDLE.replace(/^@/, ""),
        scopes: ["https://www.googleapis.com/auth/youtube.readonly"],
        accessTokenEnc: encryptSecret(DEMO_ACCESS_TOKEN),
        accessTokenExpiresAt: new Date(Date.now() + DEMO_TOKEN_LIFETIME_MS),
      },
    });
  }

  const [toolCount, categoryCount] = await Promise.all([db.tool.count(), db.category.count()]);
  return { tools: toolCount, categories: categoryCount, demoUserId: DEMO_USER.id };
}

if (import.meta.main) {
  const { db, closeDb } = await import("~/server/db");
  const result = await seed(db);
  console.log(
    `seeded ${result.tools} tools, ${result.categories} categories${result.demoUserId ? `, demo user "${DEMO_USER.handle}"` : " (production: no demo user)"}`,
  );
  await closeDb();
}
