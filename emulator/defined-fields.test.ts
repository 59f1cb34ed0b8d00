import { describe, expect, it } from "vitest";
import { definedFields } from "./defined-fields.ts";

describe("definedFields", () => {
  it("leaves out undefined values and keeps every other one, in the order given", () => {
    const fields = definedFields({ a: 1, b: undefined, c: null, d: "", e: false, f: 0 });
    expect(Object.keys(fields)).toEqual(["a", "c", "d", "e", "f"]);
    expect(fields).toEqual({ a: 1, c: null, d: "", e: false, f: 0 });
    expect("b" in fields).toBe(false);
  });
});
