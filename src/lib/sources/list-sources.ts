import { db } from "~/server/db";
import type { ListSourcesInput } from "./sources.schema";
import { sourceSummarySelect, toSourceSummary } from "./selects";

/** The channels a user follows, newest follow first, with each channel's sync state. */
export async function listSources({ userId, input }: { userId: string; input: ListSourcesInput }) {
  const rows = await db.contentSource.findMany({
    where: { userId },
    select: sourceSummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const now = new Date();
  const items = rows.slice(0, input.limit).map((row) => toSourceSummary(row, now));
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
