/** The bounds of "Export my data", in one place (docs/operations.md, "Account deletion and export"). */

/** Bytes in one DataExportChunk row: what a worker holds before writing, and a web process per read. */
export const DATA_EXPORT_CHUNK_BYTES = 256 * 1024;
/** Rows read per statement while writing the file (projects come with their tags). */
export const DATA_EXPORT_PAGE_ROWS = 500;
/** A ready file can be downloaded (once) for this long, then it is deleted. */
export const DATA_EXPORT_TTL_HOURS = 24;
/** Export rows (status only, the file long gone) are kept this long, so Settings can say what happened. */
export const DATA_EXPORT_ROW_RETENTION_DAYS = 30;
/** Rows data-export.prune deletes per statement. */
export const DATA_EXPORT_PRUNE_CHUNK_ROWS = 500;
