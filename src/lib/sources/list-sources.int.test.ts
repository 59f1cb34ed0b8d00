import { describe, expect, it } from "vitest";
import { db, onQuery } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { getSourceOrThrow } from "./get-source-or-throw";
import { listSources } from "./list-sources";

let channelSeq = 0;

/** A followed channel with its schedule (a trigger adds the schedule row), `minutesAgo` old. */
async function follow(userId: string, minutesAgo: number, options: { syncEnabled?: boolean } = {}) {
  channelSeq += 1;
  const youtubeChannelId = `UC${String(channelSeq).padStart(22, "x")}`;
  const channel = await db.channel.create({
    data: { youtubeChannelId, title: `Channel ${channelSeq}`, handle: `channel${channelSeq}` },
  });
  return db.contentSource.create({
    data: {
      userId,
      channelId: channel.id,
      syncEnabled: options.syncEnabled ?? true,
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    },
    select: { id: true, channelId: true },
  });
}

describe("listSources", () => {
  it("reads a page of follows, their channels and schedules in one statement", async () => {
    const user = await createTestUser();
    await follow(user.id, 3);
    await follow(user.id, 2, { syncEnabled: false });
    const statements: string[] = [];
    const stop = onQuery((event) => statements.push(event.query));
    try {
      const page = await listSources({ userId: user.id, limit: 50 });
      expect(page.items).toHaveLength(2);
    } finally {
      stop();
    }
    expect(statements).toHaveLength(1);
  });

  it("gives every follow the same summary Prisma's relation reads give, newest first, paged by cursor", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const oldest = await follow(user.id, 30);
    const middle = await follow(user.id, 20, { syncEnabled: false });
    const newest = await follow(user.id, 10);
    await follow(other.id, 5);
    await db.channelSchedule.update({
      where: { channelId: newest.channelId },
      data: {
        lastCheckedAt: new Date(),
        nextCheckAt: new Date(Date.now() + 3_600_000),
        failures: 2,
        lastError: "YouTube timed out",
        lastOutcome: "failed",
        lastMethod: "feed",
        tier: "active",
      },
    });
    await db.channel.update({
      where: { id: middle.channelId },
      data: { status: "not_found", leaseExpiresAt: new Date(Date.now() + 86_400_000) },
    });
    // A channel whose schedule row is missing still lists, as never checked.
    await db.channelSchedule.delete({ where: { channelId: oldest.channelId } });

    const first = await listSources({ userId: user.id, limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([newest.id, middle.id]);
    expect(first.nextCursor).toBe(middle.id);
    const second = await listSources({ userId: user.id, limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ id: oldest.id })], nextCursor: null });

    for (const item of [...first.items, ...second.items]) {
      const viaPrisma = await getSourceOrThrow({ userId: user.id, sourceId: item.id });
      expect(item).toEqual(viaPrisma);
    }
    expect(first.items[0]!.sync).toMatchObject({
      status: "failing",
      error: "YouTube timed out",
      tier: "active",
      method: "feed",
    });
    expect(first.items[1]!.sync.status).toBe("paused");
    expect(second.items[0]!.sync).toMatchObject({ status: "pending", nextCheckAt: null, tier: "normal" });
  });

  it("a cursor that is not one of the user's follows gives an empty page, never another user's follows", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const theirs = await follow(other.id, 1);
    await follow(user.id, 2);
    expect(await listSources({ userId: user.id, limit: 10, cursor: theirs.id })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
