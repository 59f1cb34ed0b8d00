/**
 * Values kept once per process, on `globalThis`, so that Next's dev hot reload (which re-evaluates modules)
 * reuses the pool, the logger or a breaker instead of building a second one. Each value has a key of its
 * own; the same key must always hold the same type. src/lib may import this (lib → server); nothing here
 * knows any domain.
 */

declare global {
  // A global augmentation has to be `var`; the map is reached only through the functions below.
  var showreelProcessSingletons: Map<string, unknown> | undefined;
}

function slots(): Map<string, unknown> {
  return (globalThis.showreelProcessSingletons ??= new Map());
}

/** The process's value under `key`, made by `create` on first use. */
export function processSingleton<T>(key: string, create: () => T): T {
  const values = slots();
  if (values.has(key)) return values.get(key) as T;
  const value = create();
  values.set(key, value);
  return value;
}

/** A process-wide value that may be absent, replaced or dropped: a cache, or a start that may fail. */
export type ProcessSlot<T> = {
  /** The value, or undefined before the first `set` and after `clear`. */
  get(): T | undefined;
  /** Stores `value` and returns it. */
  set(value: T): T;
  /** Drops the value, so the next user makes a new one. */
  clear(): void;
};

export function processSlot<T>(key: string): ProcessSlot<T> {
  return {
    get: () => slots().get(key) as T | undefined,
    set(value) {
      slots().set(key, value);
      return value;
    },
    clear: () => void slots().delete(key),
  };
}
