import { z } from "zod";

/** The export a download link names (src/app/api/exports/[id]/route.ts). */
export const dataExportIdSchema = z.uuid();
