import { afterEach, describe, expect, it, vi } from "vitest";
import { cookieCacheExpiresAt, createSessionMemo } from "./session-memo";

/** A cookie header carrying a compact cache cookie whose payload expires at `expiresAt` (its signature is not this module's business). */
const headerExpiringAt = (expiresAt: number, name = "better-auth.session_data") =>
  `theme=dark; better-auth.session_token=abc.sig; ${name}=${Buffer.from(JSON.stringify({ session: {}, expiresAt, signature: "x" })).toString("base64url")}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("cookieCacheExpiresAt", () => {
  it("reads the cache cookie's expiry, with or without the __Secure- prefix", () => {
    expect(cookieCacheExpiresAt(headerExpiringAt(1_234))).toBe(1_234);
    expect(cookieCacheExpiresAt(headerExpiringAt(5_678, "__Secure-better-auth.session_data"))).toBe(5_678);
  });

  it("is null for a header without one, or with one it cannot read", () => {
    expect(cookieCacheExpiresAt("better-auth.session_token=abc.sig")).toBeNull();
    expect(cookieCacheExpiresAt("better-auth.session_data=%%%not-base64")).toBeNull();
    expect(
      cookieCacheExpiresAt(`better-auth.session_data=${Buffer.from('{"expiresAt":"soon"}').toString("base64url")}`),
    ).toBeNull();
  });
});

describe("createSessionMemo", () => {
  it("answers the same header until the cache cookie lapses, then forgets it", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const memo = createSessionMemo<string>();
    const header = headerExpiringAt(1_060_000);
    memo.remember(header, "alice", new Date(9_999_999));
    expect(memo.get(header)).toBe("alice");
    expect(memo.get(`${header}; other=1`)).toBeUndefined();
    vi.setSystemTime(1_059_999);
    expect(memo.get(header)).toBe("alice");
    vi.setSystemTime(1_060_000);
    expect(memo.get(header)).toBeUndefined();
    expect(memo.size()).toBe(0);
  });

  it("stops at the session's own expiry when that comes first", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const memo = createSessionMemo<string>();
    const header = headerExpiringAt(1_060_000);
    memo.remember(header, "alice", new Date(1_010_000));
    vi.setSystemTime(1_010_000);
    expect(memo.get(header)).toBeUndefined();
  });

  it("does not remember a header without a readable cache cookie, or one already lapsed", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const memo = createSessionMemo<string>();
    memo.remember("better-auth.session_token=abc.sig", "alice", new Date(9_999_999));
    memo.remember(headerExpiringAt(999_999), "bob", new Date(9_999_999));
    expect(memo.size()).toBe(0);
  });

  it("holds at most maxEntries, dropping the oldest", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const memo = createSessionMemo<number>({ maxEntries: 2 });
    const headers = [1, 2, 3].map((n) => `${headerExpiringAt(2_000_000)}; n=${n}`);
    headers.forEach((header, index) => memo.remember(header, index, new Date(9_999_999)));
    expect(memo.size()).toBe(2);
    expect(memo.get(headers[0]!)).toBeUndefined();
    expect(memo.get(headers[2]!)).toBe(2);
  });
});
