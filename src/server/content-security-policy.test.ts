import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce } from "./content-security-policy";

const GOOGLE = "https://www.googleapis.com";

function directive(policy: string, name: string): string | undefined {
  return policy
    .split("; ")
    .find((entry) => entry.split(" ")[0] === name)
    ?.slice(name.length + 1);
}

describe("buildContentSecurityPolicy", () => {
  it("a page's scripts run only with its nonce (and what those load): no 'unsafe-inline', no eval", () => {
    const policy = buildContentSecurityPolicy({
      nonce: "bm9uY2Utb2YtdGhpcy1wYWdl",
      development: false,
      youtubeApiBaseUrl: GOOGLE,
    });
    expect(directive(policy, "script-src")).toBe("'self' 'nonce-bm9uY2Utb2YtdGhpcy1wYWdl' 'strict-dynamic'");
    expect(directive(policy, "style-src")).toBe("'self' 'nonce-bm9uY2Utb2YtdGhpcy1wYWdl'");
    expect(directive(policy, "style-src-attr")).toBe("'unsafe-inline'");
    expect(directive(policy, "img-src")).toBe("'self' data: blob: https:");
    expect(directive(policy, "frame-src")).toBe("https://www.youtube-nocookie.com");
    expect(directive(policy, "connect-src")).toBe("'self'");
    for (const closed of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "default-src 'self'",
    ]) {
      expect(policy.split("; ")).toContain(closed);
    }
  });

  it("without a nonce (API routes, static files) scripts come from our origin only", () => {
    const policy = buildContentSecurityPolicy({ development: false, youtubeApiBaseUrl: GOOGLE });
    expect(directive(policy, "script-src")).toBe("'self'");
    expect(directive(policy, "style-src")).toBe("'self'");
    expect(policy).not.toContain("nonce-");
  });

  it("development adds eval for React's error stacks, inline styles for the dev overlay, and the dev server's socket", () => {
    const policy = buildContentSecurityPolicy({ nonce: "ZGV2", development: true, youtubeApiBaseUrl: GOOGLE });
    expect(directive(policy, "script-src")).toBe("'self' 'nonce-ZGV2' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(policy, "style-src")).toBe("'self' 'unsafe-inline'");
    expect(directive(policy, "connect-src")).toBe("'self' ws: wss:");
  });

  it("images from an emulator served over http are allowed from its origin only", () => {
    const policy = buildContentSecurityPolicy({
      development: false,
      youtubeApiBaseUrl: "http://127.0.0.1:4010/youtube",
    });
    expect(directive(policy, "img-src")).toBe("'self' data: blob: https: http://127.0.0.1:4010");
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time, in the form Next reads from the policy", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
    expect(nonces.size).toBe(1_000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});
