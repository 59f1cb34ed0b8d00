import { describe, expect, it } from "vitest";
import { createToast, MAX_VISIBLE_TOASTS, remainingAfter, toastReducer, toastRole, type Toast } from "./toast-queue";

const add = (toasts: Toast[], id: string, title = id, tone: Toast["tone"] = "info") =>
  toastReducer(toasts, { type: "add", toast: createToast(id, { title, tone }) });

describe("toast queue", () => {
  it("stacks newest last and drops the oldest beyond the cap", () => {
    let toasts: Toast[] = [];
    for (const id of ["a", "b", "c", "d"]) toasts = add(toasts, id);
    expect(MAX_VISIBLE_TOASTS).toBe(3);
    expect(toasts.map((toast) => toast.id)).toEqual(["b", "c", "d"]);
  });

  it("replaces a toast that says the same thing instead of stacking a copy", () => {
    const toasts = add(add(add([], "1", "Saved", "success"), "2", "Other"), "3", "Saved", "success");
    expect(toasts.map((toast) => toast.id)).toEqual(["2", "3"]);
    // Same words in another tone is different news.
    expect(add(toasts, "4", "Saved", "error").map((toast) => toast.id)).toEqual(["2", "3", "4"]);
  });

  it("dismisses by id and ignores unknown ids", () => {
    const toasts = add(add([], "a"), "b");
    expect(toastReducer(toasts, { type: "dismiss", id: "a" }).map((toast) => toast.id)).toEqual(["b"]);
    expect(toastReducer(toasts, { type: "dismiss", id: "zzz" })).toEqual(toasts);
  });

  it("gives errors the alert role and a longer default time; an explicit duration wins", () => {
    expect(toastRole("error")).toBe("alert");
    expect(toastRole("success")).toBe("status");
    expect(toastRole("info")).toBe("status");
    expect(createToast("e", { title: "x", tone: "error" }).durationMs).toBeGreaterThan(
      createToast("i", { title: "x" }).durationMs,
    );
    expect(createToast("i", { title: "x" })).toEqual({
      id: "i",
      tone: "info",
      title: "x",
      description: undefined,
      durationMs: 5000,
    });
    expect(createToast("d", { title: "x", durationMs: 1234 }).durationMs).toBe(1234);
  });

  it("keeps the time left across a pause, never below zero", () => {
    expect(remainingAfter(5000, 1000, 3000)).toBe(3000);
    expect(remainingAfter(3000, 10_000, 10_000)).toBe(3000);
    expect(remainingAfter(3000, 0, 9000)).toBe(0);
    // A clock that stepped back does not add time.
    expect(remainingAfter(3000, 5000, 4000)).toBe(3000);
  });
});
