import { describe, expect, it } from "vitest";
import { handleProblem } from "./account.schema";
import { handleCandidates, handleFromText, HANDLE_VARIANTS } from "./suggest-handle";

describe("handleFromText", () => {
  it.each([
    ["Ana Lee", "ana-lee"],
    ["  José  María O'Brien!! ", "jose-maria-o-brien"],
    ["Ångström", "angstrom"],
    ["DJ_Kool--Herc", "dj-kool-herc"],
    ["An extremely long creator name that goes on", "an-extremely-long-creator-name"],
  ])("%j → %j", (name, handle) => {
    expect(handleFromText(name)).toBe(handle);
  });

  it("gives up when too little of the name is in a-z and 0-9", () => {
    expect(handleFromText("東京")).toBeNull();
    expect(handleFromText("Al")).toBeNull();
  });
});

describe("handleCandidates", () => {
  it("offers the name first, then numbered variants within the length limit, all valid", () => {
    const candidates = handleCandidates({ name: "A name exactly thirty chars xy", email: "x@example.com" });
    expect(candidates).toHaveLength(1 + HANDLE_VARIANTS);
    expect(candidates[0]).toBe("a-name-exactly-thirty-chars-xy");
    expect(candidates[1]).toBe("a-name-exactly-thirty-chars-2");
    for (const candidate of candidates) expect(handleProblem(candidate)).toBeNull();
  });

  it("falls back to the e-mail's local part, then to 'creator', and never offers a reserved word", () => {
    expect(handleCandidates({ name: "東京", email: "tokyo.nights@example.com" })[0]).toBe("tokyo-nights");
    expect(handleCandidates({ name: "李", email: "李@example.com" })[0]).toBe("creator");
    expect(handleCandidates({ name: "Admin", email: "a@example.com" })[0]).toBe("admin-2");
  });
});
