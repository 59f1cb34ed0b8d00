// Test support: how many SQL statements Prisma sent while `work` ran (onQuery in src/server/db.ts), and its result.
import { onQuery } from "~/server/db";

export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  let statements = 0;
  const stop = onQuery(() => (statements += 1));
  try {
    return { result: await work(), statements };
  } finally {
    stop();
  }
}
