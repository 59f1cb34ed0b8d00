import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";

const unique = () => randomUUID().slice(0, 8);

describe("account.setHandle", () => {
  it("stores the handle trimmed and lower-cased, and lets the owner save it again", async () => {
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const handle = `Ana-Lee-${unique()}`;
    expect(await caller.account.setHandle({ handle: `  ${handle} ` })).toEqual({ handle: handle.toLowerCase() });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).handle).toBe(handle.toLowerCase());
    expect(await caller.account.setHandle({ handle: handle.toLowerCase() })).toEqual({ handle: handle.toLowerCase() });
    expect((await caller.account.get()).handle).toBe(handle.toLowerCase());
  });

  it.each([
    ["ab", "Use at least 3 characters."],
    ["a".repeat(31), "Use at most 30 characters."],
    ["ana lee", "Use only letters, numbers and hyphens."],
    ["ana_lee", "Use only letters, numbers and hyphens."],
    ["-ana", "Start and end with a letter or number, and don't put two hyphens together."],
    ["ana--lee", "Start and end with a letter or number, and don't put two hyphens together."],
    ["ana-", "Start and end with a letter or number, and don't put two hyphens together."],
    ["Admin", "That address is reserved. Pick another."],
    ["settings", "That address is reserved. Pick another."],
    ["api", "That address is reserved. Pick another."],
  ])("refuses %j with INVALID_INPUT: %s", async (handle, message) => {
    const user = await createTestUser();
    await expect(createCaller(user.context).account.setHandle({ handle })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message,
      cause: expect.objectContaining({ code: "INVALID_INPUT" }),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).handle).toBeNull();
  });

  it("answers CONFLICT for a handle someone else has, in any case, and keeps the old one", async () => {
    const first = await createTestUser();
    const second = await createTestUser();
    const handle = `taken-${unique()}`;
    await createCaller(first.context).account.setHandle({ handle });
    const secondCaller = createCaller(second.context);
    await secondCaller.account.setHandle({ handle: `mine-${unique()}` });
    const before = (await secondCaller.account.get()).handle;
    await expect(secondCaller.account.setHandle({ handle: handle.toUpperCase() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `The address /u/${handle} is already taken. Try another.`,
    });
    expect((await secondCaller.account.get()).handle).toBe(before);
  });

  it("lets exactly one of two racing users win a handle", async () => {
    const [first, second] = await Promise.all([createTestUser(), createTestUser()]);
    const handle = `race-${unique()}`;
    const results = await Promise.allSettled([
      createCaller(first.context).account.setHandle({ handle }),
      createCaller(second.context).account.setHandle({ handle }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: expect.objectContaining({ code: "CONFLICT" }),
    });
  });
});

describe("account.get", () => {
  it("suggests a free handle from the name, skipping taken ones, until the user has one", async () => {
    const user = await createTestUser();
    const name = `Zoë Ångström ${unique()}`;
    await db.user.update({ where: { id: user.id }, data: { name } });
    const caller = createCaller(user.context);
    const expected = name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replaceAll(" ", "-");
    expect(await caller.account.get()).toMatchObject({ name, handle: null, suggestedHandle: expected });

    const rival = await createTestUser();
    await createCaller(rival.context).account.setHandle({ handle: expected });
    expect((await caller.account.get()).suggestedHandle).toBe(`${expected}-2`);

    await caller.account.setHandle({ handle: `${expected}-2` });
    expect(await caller.account.get()).toMatchObject({ handle: `${expected}-2`, suggestedHandle: null });
  });

  it("needs a session", async () => {
    const { createContextInner } = await import("~/trpc/context");
    await expect(createCaller(createContextInner({ session: null })).account.get()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
