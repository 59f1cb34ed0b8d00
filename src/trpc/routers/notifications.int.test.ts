import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { createCaller } from "./_app";

async function notify(userId: string, count: number) {
  for (let index = 0; index < count; index += 1) {
    await db.notification.create({
      data: {
        userId,
        kind: "youtube.reconnect_required",
        payload: { channelTitle: `C${index}` },
        createdAt: new Date(Date.now() + index * 1000),
      },
    });
  }
}

describe("notifications", () => {
  it("lists newest first with a cursor, counts unread, and marks read", async () => {
    const user = await createTestUser();
    await notify(user.id, 5);
    const caller = createCaller(user.context);
    const first = await caller.notifications.list({ limit: 3 });
    expect(first.items.map((item) => (item.payload as { channelTitle: string }).channelTitle)).toEqual([
      "C4",
      "C3",
      "C2",
    ]);
    const second = await caller.notifications.list({ limit: 3, cursor: first.nextCursor });
    expect(second.items.map((item) => (item.payload as { channelTitle: string }).channelTitle)).toEqual(["C1", "C0"]);
    expect(second.nextCursor).toBeNull();
    expect(await caller.notifications.unreadCount()).toEqual({ count: 5 });
    expect(await caller.notifications.markRead({ ids: [first.items[0]!.id] })).toEqual({ marked: 1 });
    expect(await caller.notifications.unreadCount()).toEqual({ count: 4 });
    expect(await caller.notifications.markRead({ all: true })).toEqual({ marked: 4 });
    expect(await caller.notifications.unreadCount()).toEqual({ count: 0 });
  });

  it("never reads or changes another user's notifications", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    await notify(owner.id, 2);
    const ownerItems = (await createCaller(owner.context).notifications.list({ limit: 10 })).items;
    const intruder = createCaller(other.context);
    expect((await intruder.notifications.list({ limit: 10 })).items).toEqual([]);
    expect(await intruder.notifications.markRead({ ids: ownerItems.map((item) => item.id) })).toEqual({ marked: 0 });
    expect(await createCaller(owner.context).notifications.unreadCount()).toEqual({ count: 2 });
  });

  it("rejects bad input with BAD_REQUEST", async () => {
    const caller = createCaller((await createTestUser()).context);
    await expect(caller.notifications.list({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.notifications.markRead({ ids: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.notifications.markRead({ ids: ["not-a-uuid"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
