/**
 * Videos for the import, API-load and matcher benchmarks: one emulator channel whose uploads are public,
 * already published videos, with titles, descriptions and tags that name tools of the seeded catalog the
 * way creators do ("Building a dashboard with React and Docker"), so the matcher has real work and every
 * video can become a project (none deleted, private or upcoming, unlike a generated channel's uploads).
 */
import type pg from "pg";
import { forEachLimited, type BenchEmulator } from "./emulator";

/** Control-API calls in flight while publishing (the emulator is single-threaded; more only queues). */
const PUBLISH_CONCURRENCY = 8;
const TOOLS_PER_VIDEO = 3;
const TAGS_PER_VIDEO = 5;
const FILLER = ["tutorial", "walkthrough", "deep dive", "first look", "build log", "tips", "live coding", "review"];

export type BenchVideoText = { title: string; description: string; tags: string[] };

/** The catalog's tool names, for video texts. */
export async function catalogToolNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(`SELECT "name" FROM "Tool" ORDER BY "name"`);
  if (rows.length === 0) throw new Error("the seeded catalog has no tools: is the database migrated and seeded?");
  return rows.map((row) => row.name);
}

/** Deterministic text for video `index`: three catalog tools in the title/description, five tags. */
export function benchVideoText(index: number, toolNames: readonly string[]): BenchVideoText {
  const pick = (offset: number) => toolNames[(index * 7 + offset * 13) % toolNames.length]!;
  const tools = Array.from({ length: TOOLS_PER_VIDEO }, (_, offset) => pick(offset));
  const filler = FILLER[index % FILLER.length]!;
  return {
    title: `${tools[0]} ${filler} #${index}`,
    description: `In this ${filler} we build a small project with ${tools[1]} and ${tools[2]}. Links and timestamps below.\n\n00:00 intro\n02:10 setup\n09:45 wrap-up`,
    tags: [...tools, filler, `episode ${index}`].slice(0, TAGS_PER_VIDEO),
  };
}

/** Creates a channel with `count` public videos (published over the last day); returns their ids, newest first. */
export async function publishBenchChannel(
  emulator: BenchEmulator,
  options: { title: string; count: number; toolNames: readonly string[] },
): Promise<{ channelId: string; videoIds: string[] }> {
  const channel = await emulator.control<{ id: string }>("POST", "/channels", { title: options.title });
  const publishedBase = Date.now() - 24 * 60 * 60 * 1000;
  const ids: string[] = new Array<string>(options.count);
  await forEachLimited(
    Array.from({ length: options.count }, (_, index) => index),
    PUBLISH_CONCURRENCY,
    async (index) => {
      const text = benchVideoText(index, options.toolNames);
      const video = await emulator.control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
        ...text,
        kind: "video",
        privacy: "public",
        durationSeconds: 300 + index,
        publishedAt: new Date(publishedBase + index * 1000).toISOString(),
      });
      ids[index] = video.id;
    },
  );
  return { channelId: channel.id, videoIds: ids.reverse() };
}
