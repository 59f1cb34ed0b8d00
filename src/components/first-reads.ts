/**
 * The input of each page's first read, shared by the client component that reads it and the server page
 * that preloads it: the two must build the same query key, or the preloaded data goes unused. (They live
 * here because a "use client" module's constants do not reach server components.)
 */
import { MY_VIDEOS_DEFAULT_PAGE_SIZE } from "~/lib/youtube-connection/my-videos.schema";
import type { ProjectFilters } from "./projects/project-filters";

const PROJECTS_PAGE_SIZE = 24;
const NOTIFICATIONS_PAGE_SIZE = 50;
const SOURCES_PAGE_SIZE = 25;
const RECENT_IMPORTS_LIMIT = 10;
/** The dashboard's recent projects: two rows of three on a wide screen. */
const DASHBOARD_PROJECTS_LIMIT = 6;
export const MY_VIDEOS_PAGE_SIZE = MY_VIDEOS_DEFAULT_PAGE_SIZE;

export const firstReads = {
  projects: (filters: ProjectFilters) => ({ limit: PROJECTS_PAGE_SIZE, ...filters }),
  notifications: { limit: NOTIFICATIONS_PAGE_SIZE },
  sources: { limit: SOURCES_PAGE_SIZE },
  recentImports: { limit: RECENT_IMPORTS_LIMIT },
  dashboardProjects: { limit: DASHBOARD_PROJECTS_LIMIT },
  /** The first page has no page token. */
  myVideos: { pageSize: MY_VIDEOS_PAGE_SIZE },
} as const;

/** Paged lists answer `{ items, nextCursor }`: the next page starts at that cursor, none when it is null. */
export function nextCursorOf(page: { nextCursor?: string | null }): string | undefined {
  return page.nextCursor ?? undefined;
}
