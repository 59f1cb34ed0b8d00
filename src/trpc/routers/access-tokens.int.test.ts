import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { createContext } from "../context";
import { createCaller } from "./_app";

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe("personal access tokens", () => {
  it("are shown once, stored only as a hash, and authenticate the typed API as their owner", async () => {
    const user = await createTestUser();
    const created = await createCaller(user.context).accessTokens.create({ name: "CI script" });
    expect(created.token).toMatch(/^shr_[\w-]{43}$/);

    const listed = await createCaller(user.context).accessTokens.list();
    expect(listed).toEqual([
      {
        id: created.id,
        name: "CI script",
        prefix: created.token.slice(0, 8),
        createdAt: expect.any(Date),
        lastUsedAt: null,
      },
    ]);
    const [raw] = await db.$queryRaw<
      Record<string, unknown>[]
    >`SELECT * FROM "ApiToken" WHERE id = ${created.id}::uuid`;
    expect(JSON.stringify(raw)).not.toContain(created.token);

    const viaToken = createCaller(await createContext({ headers: bearer(created.token) }));
    expect(await viaToken.notifications.unreadCount()).toEqual({ count: 0 });
    const [used] = await createCaller(user.context).accessTokens.list();
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("a revoked, unknown or malformed token is anonymous", async () => {
    const user = await createTestUser();
    const created = await createCaller(user.context).accessTokens.create({ name: "temp" });
    await createCaller(user.context).accessTokens.revoke({ id: created.id });
    for (const token of [created.token, `shr_${"x".repeat(43)}`, "garbage", ""]) {
      const caller = createCaller(await createContext({ headers: bearer(token) }));
      await expect(caller.notifications.unreadCount()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("one user cannot revoke or see another user's tokens", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const created = await createCaller(owner.context).accessTokens.create({ name: "mine" });
    await expect(createCaller(other.context).accessTokens.revoke({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await createCaller(other.context).accessTokens.list()).toEqual([]);
    expect(await createCaller(owner.context).accessTokens.list()).toHaveLength(1);
  });

  it("validates names", async () => {
    const user = await createTestUser();
    await expect(createCaller(user.context).accessTokens.create({ name: " " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(createCaller(user.context).accessTokens.create({ name: "x".repeat(61) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
