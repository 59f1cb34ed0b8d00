import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isValidSignature } from "./websub-push";

describe("isValidSignature", () => {
  const body = Buffer.from("<feed>…</feed>");
  const secret = "per-channel-secret";
  const good = `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;

  it("accepts the HMAC-SHA1 of the raw body under the channel's secret", () => {
    expect(isValidSignature(good, body, secret)).toBe(true);
    expect(isValidSignature(good.toUpperCase().replace("SHA1=", "sha1="), body, secret)).toBe(true);
  });

  it("refuses a missing, malformed, other-algorithm, wrong-secret or altered-body signature", () => {
    expect(isValidSignature(null, body, secret)).toBe(false);
    expect(isValidSignature("", body, secret)).toBe(false);
    expect(isValidSignature("sha1=", body, secret)).toBe(false);
    expect(isValidSignature("sha1=xyz", body, secret)).toBe(false);
    expect(isValidSignature(good.replace("sha1=", "sha256="), body, secret)).toBe(false);
    expect(isValidSignature(good, body, "another-secret")).toBe(false);
    expect(isValidSignature(good, Buffer.from("<feed>…</feed> "), secret)).toBe(false);
    expect(isValidSignature(`${good}00`, body, secret)).toBe(false);
  });
});
