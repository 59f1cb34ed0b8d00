/**
 * docs/capacity.md's web-tier block, written by the API-load benchmark's full run from the figures it
 * just measured: CPU per request in the web process and Postgres, the requests a tab makes a minute, and
 * the sizing the model (bench/lib/web-capacity-model.ts) derives for 100K users with 10 % online. The
 * prose around the block is the document's; every figure is in here.
 */
import { formatNumber } from "./stats";
import { PLANNED_UTILISATION } from "./capacity-model";
import { planWebTier, type MeasuredRequestCost, type TabTraffic } from "./web-capacity-model";

export const SIZED_USERS = 100_000;
export const ONLINE_SHARE = 0.1;
/**
 * Shares of the online tabs in use at once: all of them (every online user clicking as fast as the
 * benchmark's users, an upper bound) and one in five.
 */
export const SIZED_ACTIVE_SHARES = [1, 0.2] as const;

export type WebCapacityInput = {
  command: string;
  when: string;
  machine: string;
  /** How the web app was served ("next start (production build)"). */
  server: string;
  users: number;
  seconds: number;
  /** Medians over the repeats. */
  cost: MeasuredRequestCost & { emulatorMs: number; loadGeneratorMs: number };
  traffic: TabTraffic;
  p95Ms: number;
};

const figure = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

export function webCapacityBlock(input: WebCapacityInput): string {
  const lines: string[] = [];
  lines.push(
    `Run ${input.when} with \`${input.command}\`: ${formatNumber(input.users)} users × ${input.seconds} s through ${input.server}. Machine: ${input.machine}.`,
  );
  lines.push("");
  lines.push(
    "| CPU ms/request: web / Postgres (emulator / load generator, not sized) | requests/min, active tab (measured) | requests/min, idle tab (its polling) | p95 ms at this load |",
  );
  lines.push("|---|---|---|---|");
  lines.push(
    `| ${input.cost.webMs.toFixed(2)} / ${input.cost.postgresMs.toFixed(2)} (${input.cost.emulatorMs.toFixed(2)} / ${input.cost.loadGeneratorMs.toFixed(2)}) | ${input.traffic.activeRequestsPerMinute.toFixed(1)} | ${input.traffic.idleRequestsPerMinute.toFixed(2)} | ${input.p95Ms.toFixed(0)} |`,
  );
  lines.push("");
  lines.push(
    `Sizing for ${formatNumber(SIZED_USERS)} users with ${ONLINE_SHARE * 100} % online, cores planned at ${PLANNED_UTILISATION * 100} % busy, one web process per core:`,
  );
  lines.push("");
  lines.push(
    "| online tabs in use | requests/s | web cores | web processes | requests/s per process | live streams per process | Postgres cores (web) |",
  );
  lines.push("|---|---|---|---|---|---|---|");
  for (const activeShare of SIZED_ACTIVE_SHARES) {
    const plan = planWebTier(input.cost, input.traffic, { users: SIZED_USERS, onlineShare: ONLINE_SHARE, activeShare });
    lines.push(
      `| ${activeShare * 100} % (${formatNumber(plan.activeTabs)} of ${formatNumber(plan.onlineTabs)}) | ${formatNumber(Math.round(plan.requestsPerSecond))} | ${figure(plan.webCores)} | ${plan.webProcesses} | ${formatNumber(Math.round(plan.requestsPerSecondPerProcess))} | ${formatNumber(Math.round(plan.streamsPerProcess))} | ${figure(plan.postgresCores)} |`,
    );
  }
  return lines.join("\n");
}
