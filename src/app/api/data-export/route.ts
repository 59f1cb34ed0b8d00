// GET /api/data-export?id=<export id> — the signed-in owner's "Export my data" file, as an attachment, once.
import { dataExportIdSchema } from "~/lib/data-export/data-export.schema";
import { openDataExportDownload } from "~/lib/data-export/open-data-export-download";
import { isAppError } from "~/lib/errors";
import { withApiRoute } from "~/server/api-route";
import { logger } from "~/server/logger";
import { sessionFromHeaders } from "~/trpc/context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const STATUS_OF_CODE = { NOT_FOUND: 404, CONFLICT: 410 } as const;

function textResponse(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export const GET = withApiRoute({ route: "data-export" }, async (request) => {
  const session = await sessionFromHeaders(request.headers);
  if (!session) return textResponse(401, "Sign in to download your export.");
  const id = dataExportIdSchema.safeParse(new URL(request.url).searchParams.get("id"));
  if (!id.success) return textResponse(404, "There is no export at this address.");
  const log = logger.child({ userId: session.user.id, exportId: id.data });
  try {
    const file = await openDataExportDownload({ userId: session.user.id, exportId: id.data, logger: log });
    const iterator = file.body[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          log.error({ err: error }, "data_export.download_failed");
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-length": String(file.bytes),
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "CONFLICT"))
      return textResponse(STATUS_OF_CODE[error.code], error.message);
    throw error;
  }
});
