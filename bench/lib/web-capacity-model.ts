/**
 * The web tier's capacity on paper, from what the API-load benchmark measured (docs/capacity.md's web
 * block is written from this): CPU per request in the web process and in Postgres, and the requests an
 * active and an idle signed-in tab make a minute, turned into web processes and Postgres cores for a user
 * base of which a share is online.
 *
 * The model: every request costs the measured CPU in a web process and in Postgres, whatever its kind (the
 * benchmark's mix); a web process is one Node thread, so it may use one core; cores are planned at
 * PLANNED_UTILISATION busy. Latency is not modelled: the benchmark checks it at its own load. Every online
 * tab holds one live stream, spread evenly over the web processes.
 */
import { PLANNED_UTILISATION } from "./capacity-model";

export type MeasuredRequestCost = {
  /** CPU milliseconds per request in the web process (all its threads), averaged over a measured run. */
  webMs: number;
  /** CPU milliseconds per request in Postgres (this database's backends). */
  postgresMs: number;
};

export type TabTraffic = {
  /** Requests a minute from a tab in use (the benchmark's simulated users), streams not counted. */
  activeRequestsPerMinute: number;
  /** Requests a minute from a tab left open: its slow polling. */
  idleRequestsPerMinute: number;
};

export type WebTierShape = { users: number; onlineShare: number; activeShare: number };

export type WebTierPlan = {
  onlineTabs: number;
  activeTabs: number;
  requestsPerSecond: number;
  webCores: number;
  webProcesses: number;
  postgresCores: number;
  /** Live streams each web process holds open. */
  streamsPerProcess: number;
  /** Requests a second one web process serves at the planned utilisation. */
  requestsPerSecondPerProcess: number;
};

export function planWebTier(cost: MeasuredRequestCost, traffic: TabTraffic, shape: WebTierShape): WebTierPlan {
  if (cost.webMs <= 0) throw new Error(`web CPU per request must be positive, got ${cost.webMs}`);
  for (const [name, share] of [
    ["onlineShare", shape.onlineShare],
    ["activeShare", shape.activeShare],
  ] as const) {
    if (share < 0 || share > 1) throw new Error(`${name} must be within 0..1, got ${share}`);
  }
  const onlineTabs = shape.users * shape.onlineShare;
  const activeTabs = onlineTabs * shape.activeShare;
  const requestsPerSecond =
    (activeTabs * traffic.activeRequestsPerMinute + (onlineTabs - activeTabs) * traffic.idleRequestsPerMinute) / 60;
  const webCores = (requestsPerSecond * cost.webMs) / 1000 / PLANNED_UTILISATION;
  const webProcesses = Math.max(1, Math.ceil(webCores));
  return {
    onlineTabs,
    activeTabs,
    requestsPerSecond,
    webCores,
    webProcesses,
    postgresCores: (requestsPerSecond * cost.postgresMs) / 1000 / PLANNED_UTILISATION,
    streamsPerProcess: onlineTabs / webProcesses,
    requestsPerSecondPerProcess: (PLANNED_UTILISATION * 1000) / cost.webMs,
  };
}
