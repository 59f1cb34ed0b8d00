/**
 * WebSub (PubSubHubbub) for followed channels: the hub pushes new uploads to
 * `/api/websub/youtube?channel_id=UC…`, so a push-covered channel is polled only as a safety net. One file
 * per step: websub-subscribe.ts asks the hub, websub-intent.ts answers its intent check, websub-push.ts
 * takes its notifications, websub-renewals.ts renews leases before they lapse; this file holds what they
 * share: the topic and callback of a channel and the lease arithmetic.
 *
 * The lease the hub grants is stored; renewal is due ~80 % into it, with jitter, so a day-0 follow of 100K
 * channels does not renew in one minute (websub-renewals.ts queues them at a rate that follows scale).
 * Off entirely while PUBLIC_URL is unset: the hub could not reach us.
 */
import { env } from "~/env";

/** We ask for the longest lease Google grants; it may give less, and says so in the intent check. */
export const REQUESTED_LEASE_SECONDS = 10 * 24 * 60 * 60;
/** Renewal falls between these shares of the granted lease (jitter spreads a mass follow). */
export const RENEW_AT_LEASE_SHARE_MIN = 0.75;
export const RENEW_AT_LEASE_SHARE_MAX = 0.85;

export const isWebSubEnabled = () => !!env.PUBLIC_URL;

export const topicUrlFor = (youtubeChannelId: string) =>
  `https://www.youtube.com/xml/feeds/videos.xml?channel_id=${youtubeChannelId}`;

export function callbackUrlFor(youtubeChannelId: string): string {
  const url = new URL("/api/websub/youtube", env.PUBLIC_URL);
  url.searchParams.set("channel_id", youtubeChannelId);
  return url.toString();
}

/** When a lease granted at `now` renews: uniformly 75–85 % into it, so leases granted together spread out. */
export function renewAtFor(leaseSeconds: number, now: Date, random: () => number = Math.random): Date {
  const share = RENEW_AT_LEASE_SHARE_MIN + (RENEW_AT_LEASE_SHARE_MAX - RENEW_AT_LEASE_SHARE_MIN) * random();
  return new Date(now.getTime() + Math.round(leaseSeconds * 1000 * share));
}
