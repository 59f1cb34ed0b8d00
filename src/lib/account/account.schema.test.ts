import { describe, expect, it } from "vitest";
import { confirmsAccount } from "./account.schema";

describe("confirmsAccount", () => {
  const account = { email: "Ana.Lee@Example.com", handle: "ana-lee" };

  it.each([
    ["ana-lee", true],
    ["  ANA-LEE ", true],
    ["@ana-lee", true],
    ["ana.lee@example.com", true],
    ["ana-le", false],
    ["ana-lee-2", false],
    ["", false],
    ["   ", false],
    ["example.com", false],
  ])("%j → %s", (typed, expected) => {
    expect(confirmsAccount(typed, account)).toBe(expected);
  });

  it("takes only the e-mail from an account without a handle", () => {
    expect(confirmsAccount("ana-lee", { ...account, handle: null })).toBe(false);
    expect(confirmsAccount("Ana.Lee@Example.com", { ...account, handle: null })).toBe(true);
  });
});
