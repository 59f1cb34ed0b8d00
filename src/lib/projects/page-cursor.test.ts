import { describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { decodePageCursor, encodePageCursor } from "./page-cursor";

describe("portfolio cursor", () => {
  it("round-trips the last card's createdAt (to the millisecond) and id", () => {
    const position = { createdAt: new Date("2026-03-04T05:06:07.089Z"), id: "0199a8a2-61f4-7d3e-9c1b-3f5e2a1b4c6d" };
    const cursor = encodePageCursor(position);
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodePageCursor(cursor)).toEqual(position);
  });

  it.each([
    "",
    "garbage",
    Buffer.from("12:not-a-uuid").toString("base64url"),
    Buffer.from("x:0199a8a2-61f4-7d3e-9c1b-3f5e2a1b4c6d").toString("base64url"),
  ])("refuses %j as INVALID_INPUT", (cursor) => {
    let caught: unknown;
    try {
      decodePageCursor(cursor);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, "INVALID_INPUT")).toBe(true);
  });
});
