/**
 * What benchmarks and tests measure: requests per endpoint, units charged, and TCP connections.
 * Only Google-facing traffic (Data API, feeds) counts; a connection counts as opened when it carries
 * its first such request, so a test harness talking to the control API does not skew the numbers.
 * OAuth calls are counted on their own (`oauth`), outside requests and connections, so sign-in and
 * token refreshes do not change the Data API numbers benchmarks compare. LLM calls are counted the
 * same way (`llm`), for the same reason.
 */
import type { Socket } from "node:net";

export type OAuthCounterName = "authorizationCode" | "refreshToken" | "revoke" | "userinfo";

export interface LlmCounters {
  requests: number;
  /** Requests not answered 200: injected faults, 401, 400, and clients that gave up while delayed. */
  failures: number;
}

export interface CountersSnapshot {
  requests: { byEndpoint: Record<string, number>; total: number };
  oauth: Record<OAuthCounterName, number>;
  llm: LlmCounters;
  unitsCharged: number;
  unitsChargedToday: number;
  tcpConnectionsOpened: number;
  concurrentConnections: number;
  maxConcurrentConnections: number;
}

export class Counters {
  private byEndpoint = new Map<string, number>();
  private total = 0;
  private unitsCharged = 0;
  /** Units of calls that name exactly one channel, by that channel (see `recordUnits`). */
  private unitsByChannel = new Map<string, number>();
  private tcpConnectionsOpened = 0;
  private maxConcurrentConnections = 0;
  private readonly liveSockets = new Set<Socket>();
  private oauth = zeroOAuthCounters();
  private llm: LlmCounters = { requests: 0, failures: 0 };

  recordRequest(endpoint: string, socket: Socket): void {
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
    this.total += 1;
    if (!this.liveSockets.has(socket)) {
      this.liveSockets.add(socket);
      this.tcpConnectionsOpened += 1;
      this.maxConcurrentConnections = Math.max(this.maxConcurrentConnections, this.liveSockets.size);
      socket.once("close", () => this.liveSockets.delete(socket));
    }
  }

  /** Token-endpoint calls by grant type, /revoke and userinfo calls, whatever their outcome. */
  recordOAuth(name: OAuthCounterName): void {
    this.oauth[name] += 1;
  }

  recordLlmRequest(): void {
    this.llm.requests += 1;
  }

  recordLlmFailure(): void {
    this.llm.failures += 1;
  }

  /**
   * `channelId`: the one channel the call was about, when it names exactly one (an uploads playlist, one
   * channel id, a channel-scoped search), so a benchmark can tell what unchanged channels cost apart
   * from the channels that published; null for calls that do not (videos.list by ids).
   */
  recordUnits(units: number, channelId: string | null = null): void {
    this.unitsCharged += units;
    if (channelId !== null) this.unitsByChannel.set(channelId, (this.unitsByChannel.get(channelId) ?? 0) + units);
  }

  /** Units charged per channel since the last reset (calls that named exactly one channel). */
  unitsByChannelSnapshot(): Record<string, number> {
    return Object.fromEntries(this.unitsByChannel);
  }

  /** Zeroes the totals; connections still open stay tracked (and are not counted as opened again). */
  reset(): void {
    this.byEndpoint = new Map();
    this.total = 0;
    this.oauth = zeroOAuthCounters();
    this.llm = { requests: 0, failures: 0 };
    this.unitsCharged = 0;
    this.unitsByChannel = new Map();
    this.tcpConnectionsOpened = 0;
    this.maxConcurrentConnections = this.liveSockets.size;
  }

  snapshot(unitsChargedToday: number): CountersSnapshot {
    return {
      requests: { byEndpoint: Object.fromEntries(this.byEndpoint), total: this.total },
      oauth: { ...this.oauth },
      llm: { ...this.llm },
      unitsCharged: this.unitsCharged,
      unitsChargedToday,
      tcpConnectionsOpened: this.tcpConnectionsOpened,
      concurrentConnections: this.liveSockets.size,
      maxConcurrentConnections: this.maxConcurrentConnections,
    };
  }
}

function zeroOAuthCounters(): Record<OAuthCounterName, number> {
  return { authorizationCode: 0, refreshToken: 0, revoke: 0, userinfo: 0 };
}
