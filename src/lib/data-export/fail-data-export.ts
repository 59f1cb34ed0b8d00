import { db } from "~/server/db";

/** data-export.build gave up (its last retry failed): Settings says so and offers a new export. */
export async function failDataExport({ exportId }: { exportId: string }) {
  await db.dataExport.updateMany({
    where: { id: exportId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: "The export could not be prepared. Please ask for a new one." },
  });
  await db.dataExportChunk.deleteMany({ where: { exportId } });
}
