// One racing process for src/lib/quota/reserve-quota.int.test.ts: reserves units in a loop until the
// ledger refuses, then prints how many it got. Runs as its own process with its own connection pool.
// Mode "lease" spends background units through a block lease (src/lib/quota/quota-lease.ts) instead, and
// gives its leftover back before it exits, as the worker does at shutdown.
import { isAppError } from "~/lib/errors";
import { createQuotaLease } from "~/lib/quota/quota-lease";
import { reserveQuota } from "~/lib/quota/reserve-quota";
import { closeDb } from "~/server/db";

const now = new Date(process.argv[2] ?? "");
const userId = process.argv[3] || undefined;
const isLease = process.argv[4] === "lease";
const lease = isLease ? createQuotaLease({ blockUnits: 10 }) : null;
const sizes = [1, 2, 3];
let reserved = 0;
let isFull = false;
for (let index = 0; !isFull; index += 1) {
  const units = sizes[index % sizes.length]!;
  try {
    if (lease) await lease.take(units, now);
    else await reserveQuota({ units, purpose: "interactive", userId, now });
    reserved += units;
  } catch (error) {
    if (!isAppError(error, "QUOTA_EXHAUSTED")) throw error;
    // A refused 2 or 3 can leave room for smaller sizes; only a refused single unit means the day is full.
    isFull = units === 1;
  }
}
await lease?.close();
await closeDb();
console.log(JSON.stringify({ reserved, held: lease?.held() ?? 0 }));
