/**
 * Who may read the web process's /api/metrics: Prometheus presenting METRICS_TOKEN as a bearer token, or
 * a signed-in admin looking by hand. The token is compared in constant time; with no token configured,
 * no bearer token is accepted at all.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "~/env";

const BEARER = /^Bearer\s+(\S+)$/i;

const digest = (value: string) => createHash("sha256").update(value).digest();

export function canReadMetrics({
  authorization,
  role,
  metricsToken = env.METRICS_TOKEN,
}: {
  authorization: string | null;
  /** The signed-in user's role, when there is one. */
  role: "user" | "admin" | null;
  metricsToken?: string | undefined;
}): boolean {
  if (role === "admin") return true;
  const presented = BEARER.exec(authorization ?? "")?.[1];
  if (!presented || !metricsToken) return false;
  // Equal-length digests, so neither the comparison nor its length check reveals anything about the token.
  return timingSafeEqual(digest(presented), digest(metricsToken));
}
