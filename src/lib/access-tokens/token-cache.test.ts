import { describe, expect, it } from "vitest";
import { env } from "~/env";
import type { TokenUser } from "./selects";
import {
  ACCESS_TOKEN_CACHE_MAX,
  cachedTokenCount,
  findCachedTokenUser,
  forgetToken,
  rememberTokenUser,
} from "./token-cache";

const userFor = (index: number): TokenUser => ({
  id: `u${index}`,
  email: `u${index}@x.test`,
  name: "U",
  role: "user",
  tokenId: `t${index}`,
});

describe("token cache", () => {
  it("holds at most ACCESS_TOKEN_CACHE_MAX entries, dropping the oldest first", () => {
    const now = Date.now();
    for (let index = 0; index < ACCESS_TOKEN_CACHE_MAX + 50; index += 1)
      rememberTokenUser(`hash${index}`, userFor(index), now);
    expect(cachedTokenCount()).toBe(ACCESS_TOKEN_CACHE_MAX);
    expect(findCachedTokenUser("hash0", now)).toBeNull();
    expect(findCachedTokenUser("hash49", now)).toBeNull();
    expect(findCachedTokenUser("hash50", now)?.id).toBe("u50");
  });

  it("expires an entry after ACCESS_TOKEN_CACHE_SECONDS and forgets a revoked token by id", () => {
    const now = Date.now();
    rememberTokenUser("expiring", userFor(1), now);
    expect(findCachedTokenUser("expiring", now + env.ACCESS_TOKEN_CACHE_SECONDS * 1000 - 1)?.tokenId).toBe("t1");
    expect(findCachedTokenUser("expiring", now + env.ACCESS_TOKEN_CACHE_SECONDS * 1000)).toBeNull();
    rememberTokenUser("revoked", userFor(2), now);
    forgetToken("t2");
    expect(findCachedTokenUser("revoked", now)).toBeNull();
  });
});
