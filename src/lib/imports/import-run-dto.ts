import type { Prisma } from "~/generated/prisma/client";
import { skipReasonsSchema } from "./imports.schema";
import type { importRunSelect } from "./selects";

type ImportRunRow = Prisma.ImportRunGetPayload<{ select: typeof importRunSelect }>;

/** A run as progress bars read it: the row, with its skip reasons checked against the reasons the worker records. */
export function toImportRunDto(row: ImportRunRow) {
  return { ...row, skipReasons: skipReasonsSchema.parse(row.skipReasons) };
}

export type ImportRunDto = ReturnType<typeof toImportRunDto>;
