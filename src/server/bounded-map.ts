/**
 * A Map that holds at most `maxEntries`: writing a key makes it the newest entry, and when the map is full
 * the entry written longest ago goes (a Map iterates in insertion order, so that is the first key). With
 * `expiresAt`, `get` drops a lapsed entry instead of returning it. For per-process caches whose size must
 * not depend on what callers send.
 */
export type BoundedMapOptions<K, V> = {
  maxEntries: number;
  /** When a value lapses (ms since epoch); without it entries only leave to make room or by `delete`. */
  expiresAt?: (value: V) => number;
  /** Told about each entry dropped to make room (not about `delete` or lapsed entries). */
  onEvict?: (key: K, value: V) => void;
};

export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #maxEntries: number;
  readonly #expiresAt: ((value: V) => number) | undefined;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;

  constructor({ maxEntries, expiresAt, onEvict }: BoundedMapOptions<K, V>) {
    this.#maxEntries = maxEntries;
    this.#expiresAt = expiresAt;
    this.#onEvict = onEvict;
  }

  /** The value, or undefined when absent or lapsed at `now` (a lapsed entry is dropped). */
  get(key: K, now?: number): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined || !this.#expiresAt) return value;
    if (this.#expiresAt(value) <= (now ?? Date.now())) {
      this.#entries.delete(key);
      return undefined;
    }
    return value;
  }

  /** Stores `value` as the newest entry, first dropping the oldest if the map is full. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#dropOldest();
    this.#entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Every entry, oldest first (lapsed ones included). */
  entries(): MapIterator<[K, V]> {
    return this.#entries.entries();
  }

  #dropOldest(): void {
    const oldest = this.#entries.keys().next();
    if (oldest.done) return;
    const value = this.#entries.get(oldest.value);
    this.#entries.delete(oldest.value);
    if (this.#onEvict && value !== undefined) this.#onEvict(oldest.value, value);
  }
}
