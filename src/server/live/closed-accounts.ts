/**
 * Which accounts are closed (being deleted), as every web process must know at once: a browser holding a
 * fresh session cookie cache is authenticated from the cookie alone, so deleting the session rows does not
 * stop it — this does (src/server/auth.ts asks here on every cache hit; src/trpc/context.ts for tokens).
 *
 * - While the process's live listener is listening and has loaded the closed ids, the answer comes from
 *   memory: no statement per request. A deletion's `account_closed` notification (sent in the closing
 *   transaction) adds its id within the notification's delivery time.
 * - Before that, and whenever the listener has lost its connection (notifications sent meanwhile are gone),
 *   each question is one primary-key read, so no window exists where a closed account is let through.
 * - Ids are kept for `retainMs` after they were heard of: account.purge deletes a user row only after the
 *   cookie cache age has passed, by which time no cache cookie of that user can still be accepted.
 * Nothing here touches the network, so it is tested on its own (closed-accounts.test.ts).
 */
export type ClosedAccountsOptions = {
  /** One user: is it closed? (The database, when memory cannot be trusted.) */
  lookup: (userId: string) => Promise<boolean>;
  /** Every closed account's id (the database's, when the listener (re)starts listening). */
  loadAll: () => Promise<string[]>;
  /** How long a closed id is remembered after it was heard of. */
  retainMs: number;
  now?: () => number;
};

export type ClosedAccounts = ReturnType<typeof createClosedAccounts>;

export function createClosedAccounts(options: ClosedAccountsOptions) {
  const now = options.now ?? Date.now;
  const heardAt = new Map<string, number>();
  /** Memory holds every closed id: the listener is up and has loaded them since it last (re)connected. */
  let isSynced = false;
  /** Bumped on every connection change, so a load that finishes after a newer change is ignored. */
  let epoch = 0;

  function forgetOld(): void {
    const cutoff = now() - options.retainMs;
    for (const [userId, at] of heardAt) {
      if (at >= cutoff) break;
      heardAt.delete(userId);
    }
  }

  function add(userId: string): void {
    heardAt.delete(userId);
    heardAt.set(userId, now());
    forgetOld();
  }

  return {
    /** A notification named a closed account. */
    add,

    /** The listener is listening (first time or after a loss): load every closed id, then trust memory. */
    async listening(): Promise<void> {
      const mine = ++epoch;
      isSynced = false;
      const ids = await options.loadAll();
      if (mine !== epoch) return;
      for (const userId of ids) if (!heardAt.has(userId)) add(userId);
      isSynced = true;
    },

    /** The listener lost its connection: until it listens and loads again, ask the database. */
    lost(): void {
      epoch += 1;
      isSynced = false;
    },

    isSynced: () => isSynced,

    async isClosed(userId: string): Promise<boolean> {
      if (!isSynced) return options.lookup(userId);
      forgetOld();
      return heardAt.has(userId);
    },
  };
}
