import { describe, expect, it } from "vitest";
import { newRunId } from "./new-run-id";

describe("newRunId", () => {
  it("makes RFC 9562 version-7 ids that carry their millisecond and sort by it", () => {
    const at = Date.UTC(2031, 4, 6, 12, 0, 0, 123);
    const id = newRunId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
    const later = newRunId(at + 1);
    expect(later > id).toBe(true);
    expect(newRunId(at)).not.toBe(id);
  });
});
