/**
 * CI smoke test of the quota race benchmark (bench/quota-race.ts) at a tiny size: 4 racer processes
 * (the real bundle, the production client and ledger) against the emulator in-process, one repeat.
 * Showreel's ledger stops Google's charge exactly at the budget; the baseline's ledger agrees with what
 * Google charged, and neither spends less than the budget.
 */
import { describe, expect, it } from "vitest";
import { quotaRaceRows, runQuotaRace } from "./quota-race";

const BUDGET = 200;

describe("quota race benchmark", () => {
  it("races 4 processes on a 200-unit budget: Showreel ends at exactly 200, the baseline at or past it", async () => {
    const result = await runQuotaRace({ budget: BUDGET, repeats: 1, racers: 4, emulatorInProcess: true });

    expect(result.races.map((race) => race.contender)).toEqual(["showreel", "baseline", "baseline-search"]);
    const [showreel, baseline, search] = result.races;
    expect(showreel).toMatchObject({ unitsCharged: BUDGET, unitsOverBudget: 0, ledgerUsed: BUDGET, calls: BUDGET });
    // Every call the baseline made was charged by Google and counted by its own increment afterwards.
    expect(baseline!.unitsCharged).toBeGreaterThanOrEqual(BUDGET);
    expect(baseline!.ledgerUsed).toBe(baseline!.unitsCharged);
    expect(baseline!.unitsOverBudget).toBe(baseline!.unitsCharged - BUDGET);
    expect(search!.unitsCharged).toBeGreaterThanOrEqual(BUDGET);
    expect(search!.unitsCharged % 100).toBe(0);

    const [row] = quotaRaceRows(result);
    expect(row).toMatchObject({ benchmark: "quota race", met: true, better: "lower" });
    expect(row!.baseline?.median).toBe(baseline!.unitsOverBudget);
  }, 240_000);
});
