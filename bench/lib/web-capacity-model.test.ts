import { describe, expect, it } from "vitest";
import { PLANNED_UTILISATION } from "./capacity-model";
import { planWebTier } from "./web-capacity-model";

const cost = { webMs: 1.5, postgresMs: 0.5 };
const traffic = { activeRequestsPerMinute: 30, idleRequestsPerMinute: 0.2 };

describe("the web tier capacity model", () => {
  it("turns online and active tabs into requests/s, then into web processes and Postgres cores at the planned utilisation", () => {
    const plan = planWebTier(cost, traffic, { users: 100_000, onlineShare: 0.1, activeShare: 0.2 });
    // 10,000 online tabs: 2,000 active × 30/min + 8,000 idle × 0.2/min = 61,600/min.
    expect(plan.onlineTabs).toBe(10_000);
    expect(plan.activeTabs).toBe(2_000);
    expect(plan.requestsPerSecond).toBeCloseTo(61_600 / 60, 6);
    expect(plan.webCores).toBeCloseTo(((61_600 / 60) * 0.0015) / PLANNED_UTILISATION, 6);
    expect(plan.webProcesses).toBe(Math.ceil(plan.webCores));
    expect(plan.postgresCores).toBeCloseTo(((61_600 / 60) * 0.0005) / PLANNED_UTILISATION, 6);
    expect(plan.streamsPerProcess).toBeCloseTo(10_000 / plan.webProcesses, 6);
    expect(plan.requestsPerSecondPerProcess).toBeCloseTo(PLANNED_UTILISATION / 0.0015, 6);
  });

  it("keeps at least one web process and scales linearly with the users", () => {
    expect(planWebTier(cost, traffic, { users: 10, onlineShare: 0.1, activeShare: 0 }).webProcesses).toBe(1);
    const small = planWebTier(cost, traffic, { users: 100_000, onlineShare: 0.1, activeShare: 1 });
    const large = planWebTier(cost, traffic, { users: 200_000, onlineShare: 0.1, activeShare: 1 });
    expect(large.requestsPerSecond).toBeCloseTo(2 * small.requestsPerSecond, 6);
    expect(large.postgresCores).toBeCloseTo(2 * small.postgresCores, 6);
  });

  it("refuses shares outside 0..1 and a cost of zero", () => {
    expect(() => planWebTier(cost, traffic, { users: 1, onlineShare: 1.5, activeShare: 0 })).toThrow(/onlineShare/);
    expect(() =>
      planWebTier({ webMs: 0, postgresMs: 0 }, traffic, { users: 1, onlineShare: 0.1, activeShare: 0 }),
    ).toThrow(/positive/);
  });
});
