import { describe, expect, it } from "vitest";
import { processSingleton, processSlot } from "./process-singleton";

describe("processSingleton", () => {
  it("creates the value once per key and hands the same one back", () => {
    let created = 0;
    const make = () => ({ id: ++created });
    const first = processSingleton("test.singleton", make);
    expect(processSingleton("test.singleton", make)).toBe(first);
    expect(created).toBe(1);
    expect(processSingleton("test.other-singleton", make)).toEqual({ id: 2 });
  });
});

describe("processSlot", () => {
  it("holds a value until cleared, and shares it with processSingleton under the same key", () => {
    const slot = processSlot<string>("test.slot");
    expect(slot.get()).toBeUndefined();
    expect(slot.set("one")).toBe("one");
    expect(processSlot<string>("test.slot").get()).toBe("one");
    expect(processSingleton("test.slot", () => "two")).toBe("one");
    slot.clear();
    expect(slot.get()).toBeUndefined();
    expect(processSingleton("test.slot", () => "two")).toBe("two");
  });
});
