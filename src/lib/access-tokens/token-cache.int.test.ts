import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "~/env";
import { db, onQuery } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { authenticateAccessToken } from "./authenticate-access-token";
import { createAccessToken } from "./create-access-token";
import { revokeAccessToken } from "./revoke-access-token";

async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const stop = onQuery(() => (count += 1));
  try {
    await work();
  } finally {
    stop();
  }
  return count;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("personal access token cache", () => {
  it("answers a token looked up within the cache age from memory", async () => {
    const user = await createTestUser();
    const { token } = await createAccessToken({ userId: user.id, name: "loop" });
    expect(await statementsDuring(() => authenticateAccessToken({ token }))).toBeGreaterThan(0);
    let again: Awaited<ReturnType<typeof authenticateAccessToken>> = null;
    expect(await statementsDuring(async () => (again = await authenticateAccessToken({ token })))).toBe(0);
    expect(again).toMatchObject({ id: user.id });
  });

  it("a token revoked in this process is refused at once", async () => {
    const user = await createTestUser();
    const created = await createAccessToken({ userId: user.id, name: "revoked here" });
    expect(await authenticateAccessToken({ token: created.token })).toMatchObject({ id: user.id });
    await revokeAccessToken({ userId: user.id, id: created.id });
    expect(await authenticateAccessToken({ token: created.token })).toBeNull();
  });

  it("a token revoked by another process is accepted within the cache age and refused after it", async () => {
    const user = await createTestUser();
    const created = await createAccessToken({ userId: user.id, name: "revoked elsewhere" });
    expect(await authenticateAccessToken({ token: created.token })).toMatchObject({ id: user.id });
    // What another web process's revokeAccessToken writes; this process's cache does not hear of it.
    await db.apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (env.ACCESS_TOKEN_CACHE_SECONDS - 2) * 1000 });
    expect(await authenticateAccessToken({ token: created.token })).toMatchObject({ id: user.id });
    vi.setSystemTime(Date.now() + 3_000);
    expect(await authenticateAccessToken({ token: created.token })).toBeNull();
  });
});
