import type { Prisma } from "~/generated/prisma/client";

/** What progress bars read: the run's counters, never process memory. */
export const importRunSelect = {
  id: true,
  kind: true,
  status: true,
  total: true,
  imported: true,
  skipped: true,
  failed: true,
  skipReasons: true,
  unitsSpent: true,
  resumeAt: true,
  waitReason: true,
  label: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.ImportRunSelect;
