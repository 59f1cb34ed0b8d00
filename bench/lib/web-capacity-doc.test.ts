import { describe, expect, it } from "vitest";
import { webCapacityBlock } from "./web-capacity-doc";

describe("docs/capacity.md's web-tier block", () => {
  it("prints the measured costs and sizes 100K users with 10 % online from them", () => {
    const markdown = webCapacityBlock({
      command: "npm run bench -- --full --only api-load",
      when: "2026-12-06T12:00:00Z",
      machine: "2 CPUs",
      server: "next start (production build)",
      users: 1_000,
      seconds: 60,
      cost: { webMs: 1.2, postgresMs: 0.3, emulatorMs: 0.2, loadGeneratorMs: 0.4 },
      traffic: { activeRequestsPerMinute: 30, idleRequestsPerMinute: 0.2 },
      p95Ms: 150,
    });
    expect(markdown).toContain("| 1.20 / 0.30 (0.20 / 0.40) | 30.0 | 0.20 | 150 |");
    // All 10,000 online tabs active: 5,000 requests/s × 1.2 ms / 0.6 = 10 web cores; × 0.3 ms / 0.6 = 2.5 Postgres cores.
    expect(markdown).toContain("| 100 % (10,000 of 10,000) | 5,000 | 10.0 | 10 | 500 | 1,000 | 2.50 |");
    // One in five: 2,000 × 30 + 8,000 × 0.2 = 61,600 a minute = 1,027/s → 2.05 web cores → 3 processes.
    expect(markdown).toContain("| 20 % (2,000 of 10,000) | 1,027 | 2.05 | 3 | 500 | 3,333 | 0.51 |");
  });
});
