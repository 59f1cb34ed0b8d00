/**
 * The emulator's notion of "now". Real time by default; the control API can freeze it at an instant
 * (deterministic tests), let it tick from a chosen instant, or move it forward. Quota days, live
 * stream state and new uploads read it; socket timers (latency, hang) deliberately do not.
 */
export interface ClockSnapshot {
  now: string;
  mode: "real" | "frozen" | "offset";
}

export class EmulatorClock {
  // "offset": real time shifted by offsetMs; "frozen": a fixed instant until told otherwise.
  private mode: "real" | "frozen" | "offset" = "real";
  private offsetMs = 0;
  private frozenMs = 0;

  now(): number {
    if (this.mode === "frozen") return this.frozenMs;
    return Date.now() + this.offsetMs;
  }

  /** Sets the time; a frozen clock stays there, a ticking one runs on from it. */
  set(instantMs: number, options: { isTicking?: boolean } = {}): void {
    if (options.isTicking) {
      this.mode = "offset";
      this.offsetMs = instantMs - Date.now();
    } else {
      this.mode = "frozen";
      this.frozenMs = instantMs;
    }
  }

  advance(ms: number): void {
    if (this.mode === "frozen") this.frozenMs += ms;
    else {
      this.mode = "offset";
      this.offsetMs += ms;
    }
  }

  useRealTime(): void {
    this.mode = "real";
    this.offsetMs = 0;
  }

  snapshot(): ClockSnapshot {
    return { now: new Date(this.now()).toISOString(), mode: this.mode };
  }
}
