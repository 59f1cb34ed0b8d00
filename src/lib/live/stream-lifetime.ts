/**
 * How long one live-events stream lasts before the server ends it and the browser reopens it, resuming
 * after its last event id. The session is checked again at each opening, so a session revoked elsewhere
 * loses its stream within LIVE_STREAM_MAX_MS.
 *
 * Each stream draws its own lifetime from the last LIVE_STREAM_SPREAD_MS of that bound. Streams opened
 * together — every tab of a web process reconnecting after a deploy — would otherwise all end, and all
 * reopen, at the same instant, and again every half hour after: a reconnect storm that repeats for as long
 * as the process runs. Spread over five minutes, the first rotation already scatters them.
 */
export const LIVE_STREAM_MAX_MS = 30 * 60_000;
export const LIVE_STREAM_SPREAD_MS = 5 * 60_000;

/** A lifetime in (MAX − SPREAD, MAX]; `random` returns a number in [0, 1), as Math.random does. */
export function liveStreamLifetimeMs(random: () => number = Math.random): number {
  return LIVE_STREAM_MAX_MS - random() * LIVE_STREAM_SPREAD_MS;
}
