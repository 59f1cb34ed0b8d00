/**
 * data-export.build: writes one export file as JSON into DataExportChunk rows, so it can be downloaded from
 * any web process. Memory stays bounded whatever the account's size: rows are read DATA_EXPORT_PAGE_ROWS at
 * a time on the owner's (userId, createdAt) indexes, and the text is cut into DATA_EXPORT_CHUNK_BYTES rows
 * as it grows. Progress (projects written of projects counted) is stored after each page for Settings.
 * A retry starts the file again from the first chunk. The file is ready for DATA_EXPORT_TTL_HOURS.
 *
 * The file: { format, version, exportedAt, account, youtubeConnection, sources, projects, imports,
 * notifications } — see docs/operations.md, "Account deletion and export". Never a token or secret.
 */
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { DATA_EXPORT_CHUNK_BYTES, DATA_EXPORT_PAGE_ROWS, DATA_EXPORT_TTL_HOURS } from "./limits";
import {
  exportAccountSelect,
  exportImportRunSelect,
  exportNotificationSelect,
  exportProjectSelect,
  exportSourceSelect,
  toExportedProject,
} from "./selects";

export const DATA_EXPORT_FORMAT = "showreel.data-export";
const DATA_EXPORT_VERSION = 1;

/** Appends text and stores it in fixed-size chunks; holds at most one chunk plus the last page written. */
function createChunkWriter(exportId: string) {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let bytes = 0;

  async function store(chunk: Buffer) {
    await db.dataExportChunk.create({ data: { exportId, seq, data: new Uint8Array(chunk) } });
    seq += 1;
    bytes += chunk.length;
  }

  return {
    async write(text: string) {
      const buffer = Buffer.from(text, "utf8");
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes < DATA_EXPORT_CHUNK_BYTES) return;
      let joined = Buffer.concat(pending, pendingBytes);
      while (joined.length >= DATA_EXPORT_CHUNK_BYTES) {
        await store(joined.subarray(0, DATA_EXPORT_CHUNK_BYTES));
        joined = joined.subarray(DATA_EXPORT_CHUNK_BYTES);
      }
      pending = [Buffer.from(joined)];
      pendingBytes = joined.length;
    },
    async end(): Promise<{ chunks: number; bytes: number }> {
      if (pendingBytes > 0) await store(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
      return { chunks: seq, bytes };
    },
  };
}

type Writer = ReturnType<typeof createChunkWriter>;

/** JSON without BigInt surprises (ImportRun params and notification payloads are plain JSON already). */
const json = (value: unknown) => JSON.stringify(value);

/** (createdAt DESC, id DESC) keyset: the next page starts strictly after the last row written. */
function after(last: Keyed | null) {
  return last
    ? { createdAt: { lte: last.createdAt }, OR: [{ createdAt: { lt: last.createdAt } }, { id: { lt: last.id } }] }
    : {};
}

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

type Keyed = { createdAt: Date; id: string };
type OnPage = (written: number) => Promise<void>;

/** Writes `"key":[…]` a page at a time; `onPage` runs after each page (progress). */
async function writeArray<Row extends Keyed>(
  writer: Writer,
  key: string,
  readPage: (last: Row | null) => Promise<Row[]>,
  toJson: (row: Row) => unknown,
  options: { signal?: AbortSignal | undefined; onPage?: OnPage | undefined } = {},
): Promise<number> {
  await writer.write(`,${json(key)}:[`);
  let last: Row | null = null;
  let written = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = await readPage(last);
    if (rows.length === 0) break;
    await writer.write((written > 0 ? "," : "") + rows.map((row) => json(toJson(row))).join(","));
    written += rows.length;
    last = rows.at(-1)!;
    await options.onPage?.(written);
    if (rows.length < DATA_EXPORT_PAGE_ROWS) break;
  }
  await writer.write("]");
  return written;
}

export async function buildDataExport({
  exportId,
  logger,
  signal,
}: {
  exportId: string;
  logger: Logger;
  signal?: AbortSignal;
}) {
  const started = await db.dataExport.updateMany({
    where: { id: exportId, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: new Date(), projectsDone: 0, bytes: 0, chunks: 0, error: null },
  });
  if (started.count === 0) return { outcome: "not_pending" as const };
  const { userId } = await db.dataExport.findUniqueOrThrow({ where: { id: exportId }, select: { userId: true } });
  // A retry starts the file again.
  await db.dataExportChunk.deleteMany({ where: { exportId } });
  const projectsTotal = await db.project.count({ where: { userId } });
  await db.dataExport.update({ where: { id: exportId }, data: { projectsTotal } });

  const account = await db.user.findUniqueOrThrow({ where: { id: userId }, select: exportAccountSelect });
  const { youtubeConnection, ...profile } = account;
  const writer = createChunkWriter(exportId);
  const exportedAt = new Date();
  await writer.write(
    `{"format":${json(DATA_EXPORT_FORMAT)},"version":${DATA_EXPORT_VERSION},"exportedAt":${json(exportedAt)},` +
      `"account":${json(profile)},"youtubeConnection":${json(youtubeConnection)}`,
  );

  const page = { take: DATA_EXPORT_PAGE_ROWS, orderBy: NEWEST_FIRST };
  const write = <Row extends Keyed>(
    key: string,
    readPage: (last: Row | null) => Promise<Row[]>,
    toJson: (row: Row) => unknown = (row) => row,
    onPage?: OnPage,
  ) => writeArray(writer, key, readPage, toJson, { signal, onPage });
  const sources = await write("sources", (last) =>
    db.contentSource.findMany({ where: { userId, ...after(last) }, select: exportSourceSelect, ...page }),
  );
  const projects = await write(
    "projects",
    (last) =>
      db.project.findMany({
        relationLoadStrategy: "join",
        where: { userId, ...after(last) },
        select: exportProjectSelect,
        ...page,
      }),
    toExportedProject,
    async (written) => void (await db.dataExport.update({ where: { id: exportId }, data: { projectsDone: written } })),
  );
  const imports = await write("imports", (last) =>
    db.importRun.findMany({ where: { userId, ...after(last) }, select: exportImportRunSelect, ...page }),
  );
  const notifications = await write("notifications", (last) =>
    db.notification.findMany({ where: { userId, ...after(last) }, select: exportNotificationSelect, ...page }),
  );
  await writer.write("}\n");
  const { chunks, bytes } = await writer.end();

  const readyAt = new Date();
  await db.dataExport.update({
    where: { id: exportId },
    data: {
      status: "ready",
      readyAt,
      expiresAt: new Date(readyAt.getTime() + DATA_EXPORT_TTL_HOURS * 3_600_000),
      projectsDone: projects,
      chunks,
      bytes,
    },
  });
  logger.info({ exportId, userId, projects, sources, imports, notifications, chunks, bytes }, "data_export.ready");
  return { outcome: "ready" as const, projects, sources, imports, notifications, chunks, bytes };
}
