/** Import run statuses a worker may still change. */
const ACTIVE_RUN_STATUSES: ReadonlySet<string> = new Set(["queued", "running", "waiting"]);

/** Queued, running or waiting: a worker may still change the run. */
export function isRunActive(run: { status: string } | null | undefined): boolean {
  return run != null && ACTIVE_RUN_STATUSES.has(run.status);
}

type Items = { items?: { analysisStatus?: string }[] };
const hasPending = (page: Items | undefined) => page?.items?.some((item) => item.analysisStatus === "pending") ?? false;

/**
 * True for a cached read still in flux: an active import run, or a project (or list of them) still being
 * analysed. A change committed between the page's render and its stream's opening was heard by no one;
 * these are the reads such a change could leave stuck (a spinner that never ends).
 */
export function isInFlux(queryKey: readonly unknown[], data: unknown): boolean {
  const path = Array.isArray(queryKey[0]) ? queryKey[0].join(".") : "";
  if (path === "imports.get") return isRunActive(data as { status: string } | undefined);
  if (path === "projects.get") return (data as { analysisStatus?: string } | undefined)?.analysisStatus === "pending";
  if (path === "projects.list") {
    const pages = (data as { pages?: Items[] } | undefined)?.pages;
    return pages ? pages.some(hasPending) : hasPending(data as Items | undefined);
  }
  return false;
}
