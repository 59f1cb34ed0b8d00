/**
 * A bounded, newest-first log (verification and delivery attempts): a long benchmark run must not
 * grow the emulator's memory, and tests only ever look at the last few entries.
 */
export class RecentLog<Entry> {
  private entries: Entry[] = [];

  constructor(private readonly capacity: number) {}

  add(entry: Entry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  list(limit: number): Entry[] {
    return limit <= 0 ? [] : this.entries.slice(-limit).reverse();
  }
}
