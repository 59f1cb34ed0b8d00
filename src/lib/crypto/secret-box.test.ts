import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const token = "ya29.a0AfH6SMBexample-access-token";
    const sealed = encryptSecret(token);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("ya29");
    expect(decryptSecret(sealed)).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("fails loudly on tampering or the wrong key", () => {
    const sealed = encryptSecret("1//refresh-token");
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([parts[0], parts[1], parts[2], flipped.toString("base64url")].join("."))).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
    expect(() => decryptSecret("plaintext-token")).toThrow(/not a sealed secret/);
  });

  it("refuses a truncated authentication tag, which GCM would otherwise check only in part", () => {
    const [version, iv, tag, ciphertext] = encryptSecret("1//refresh-token").split(".");
    const shortTag = Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url");
    expect(() => decryptSecret([version, iv, shortTag, ciphertext].join("."))).toThrow(/authentication tag length/i);
  });
});
