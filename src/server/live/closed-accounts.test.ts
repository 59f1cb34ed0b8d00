import { describe, expect, it } from "vitest";
import { createClosedAccounts } from "./closed-accounts";

function setup(closedInDatabase: string[] = []) {
  let now = 1_000_000;
  const lookups: string[] = [];
  let loads = 0;
  const database = new Set(closedInDatabase);
  const closed = createClosedAccounts({
    lookup: async (userId) => {
      lookups.push(userId);
      return database.has(userId);
    },
    loadAll: async () => {
      loads += 1;
      return [...database];
    },
    retainMs: 60_000,
    now: () => now,
  });
  return { closed, database, lookups, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe("closed accounts", () => {
  it("asks the database until the listener listens and has loaded the closed ids, then answers from memory", async () => {
    const { closed, lookups } = setup(["gone"]);
    expect(await closed.isClosed("gone")).toBe(true);
    expect(await closed.isClosed("alive")).toBe(false);
    expect(lookups).toEqual(["gone", "alive"]);

    await closed.listening();
    expect(closed.isSynced()).toBe(true);
    expect(await closed.isClosed("gone")).toBe(true);
    expect(await closed.isClosed("alive")).toBe(false);
    expect(lookups).toHaveLength(2);
  });

  it("learns a closing from its notification, and asks the database again while the connection is lost", async () => {
    const { closed, database, lookups } = setup();
    await closed.listening();
    closed.add("closed-now");
    expect(await closed.isClosed("closed-now")).toBe(true);

    closed.lost();
    // Closed while the listener was away: its notification is gone, the database still knows.
    database.add("closed-while-away");
    expect(await closed.isClosed("closed-while-away")).toBe(true);
    expect(lookups).toEqual(["closed-while-away"]);

    await closed.listening();
    expect(await closed.isClosed("closed-while-away")).toBe(true);
    expect(lookups).toHaveLength(1);
  });

  it("ignores a load that a newer connection change overtook", async () => {
    const { closed } = setup(["gone"]);
    const first = closed.listening();
    closed.lost();
    await first;
    expect(closed.isSynced()).toBe(false);
  });

  it("forgets an id retainMs after it was heard of (its user row is gone by then)", async () => {
    const { closed, advance } = setup();
    await closed.listening();
    closed.add("old");
    advance(30_000);
    closed.add("newer");
    advance(31_000);
    expect(await closed.isClosed("old")).toBe(false);
    expect(await closed.isClosed("newer")).toBe(true);
  });
});
