"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { MY_VIDEOS_PAGE_SIZE } from "~/components/first-reads";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { readAppErrorCode, shouldRetryQuery, YOUTUBE_CONNECT_HREF } from "~/components/errors/error-text";
import { ImportProgress } from "~/components/imports/import-progress";
import { YouTubeTermsNotice } from "~/components/legal/youtube-terms-notice";
import { Button, ButtonLink, buttonClassName } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cx } from "~/components/ui/class-names";
import { EmptyState } from "~/components/ui/empty-state";
import { Spinner, YouTubeIcon } from "~/components/ui/icons";
import { FilmIcon } from "~/components/ui/media-icons";
import { Pagination } from "~/components/ui/pagination";
import { MAX_VIDEOS_PER_IMPORT } from "~/lib/imports/imports.schema";
import { useTRPC, useTRPCClient } from "~/trpc/client";
import { UpdatedAt } from "./updated-at";
import { VideoCard, type MyVideo, type UnselectableReason } from "./video-card";
import { VideoGridSkeleton } from "./video-grid-skeleton";

const PAGE_SIZE = MY_VIDEOS_PAGE_SIZE;
const EMPTY_IDS: ReadonlySet<string> = new Set();

/**
 * YouTube pages with opaque tokens and no "page N", so Previous walks back through the tokens this
 * browser has used. `direction` is the last move, for the spinner on the button pressed.
 */
type Paging = { token: string | null; previousTokens: (string | null)[]; direction: "previous" | "next" | null };

/** The import started from this page. Its ids show as "Importing…" until the run finishes. */
type ActiveRun = { runId: string; videoIds: ReadonlySet<string>; isFinished: boolean };

function unselectableReasonOf(
  video: MyVideo,
  importingIds: ReadonlySet<string>,
  isSelected: boolean,
  isSelectionFull: boolean,
): UnselectableReason | null {
  if (video.alreadyImported) return "imported";
  if (importingIds.has(video.videoId)) return "importing";
  if (video.kind === "upcoming") return "upcoming";
  if (isSelectionFull && !isSelected) return "limit";
  return null;
}

/**
 * My Videos: the connected channel's uploads, a page at a time, with multi-select and an import tray that
 * follows the started run. Selections survive paging, so a user can pick from several pages.
 */
export function MyVideos() {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const [paging, setPaging] = useState<Paging>({ token: null, previousTokens: [], direction: null });
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(EMPTY_IDS);
  const [activeRun, setActiveRun] = useState<ActiveRun | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const limitReasonId = useId();

  const input = { pageToken: paging.token, pageSize: PAGE_SIZE };
  const videos = useQuery(
    trpc.youtube.myVideos.queryOptions(input, { placeholderData: keepPreviousData, retry: shouldRetryQuery }),
  );
  // Asks YouTube now (the server otherwise answers from its stored page), then shows the answer as this
  // page's data: the refreshed page is written to the query cache, not fetched a second time.
  const refresh = useMutation({
    mutationFn: (pageInput: typeof input) => trpcClient.youtube.myVideos.query({ ...pageInput, refresh: true }),
    onSuccess: (data, pageInput) => queryClient.setQueryData(trpc.youtube.myVideos.queryKey(pageInput), data),
  });
  const isNotConnected = readAppErrorCode(videos.error) === "RECONNECT_REQUIRED";
  const connection = useQuery(trpc.youtube.connection.queryOptions());

  const importVideos = useMutation(
    trpc.imports.importVideos.mutationOptions({
      onSuccess: ({ runId }, { videos: videoIds }) => {
        setActiveRun({ runId, videoIds: new Set(videoIds), isFinished: false });
        setSelectedIds(EMPTY_IDS);
      },
    }),
  );

  function handleRunFinished(runId: string) {
    setActiveRun((current) => (current?.runId === runId ? { ...current, isFinished: true } : current));
    // The "Imported" flags on this page and the projects list both changed.
    void queryClient.invalidateQueries({ queryKey: trpc.youtube.myVideos.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
  }

  function goTo(direction: "previous" | "next") {
    setPaging((current) => {
      if (direction === "next") {
        const next = videos.data?.nextPageToken;
        return next ? { token: next, previousTokens: [...current.previousTokens, current.token], direction } : current;
      }
      if (current.previousTokens.length === 0) return current;
      return {
        token: current.previousTokens.at(-1) ?? null,
        previousTokens: current.previousTokens.slice(0, -1),
        direction,
      };
    });
    // Start keyboard and screen-reader users at the top of the new page; the summary names the page.
    summaryRef.current?.focus();
    summaryRef.current?.scrollIntoView({ block: "nearest" });
  }

  function toggle(videoId: string) {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (!next.delete(videoId) && next.size < MAX_VIDEOS_PER_IMPORT) next.add(videoId);
      return next;
    });
  }

  function startImport() {
    if (selectedIds.size === 0 || importVideos.isPending) return;
    importVideos.mutate({ videos: [...selectedIds] });
  }

  if (isNotConnected) {
    return <ConnectYouTubeCard isReconnect={Boolean(connection.data)} message={videos.error?.message ?? null} />;
  }
  if (videos.isPending) return <VideoGridSkeleton />;

  const page = paging.previousTokens.length + 1;
  const pageCount = videos.data?.totalResults ? Math.max(1, Math.ceil(videos.data.totalResults / PAGE_SIZE)) : null;
  const importingIds = activeRun && !activeRun.isFinished ? activeRun.videoIds : EMPTY_IDS;
  const isSelectionFull = selectedIds.size >= MAX_VIDEOS_PER_IMPORT;
  const items = videos.data?.items ?? [];
  const selectableOnPage = items.filter((video) => unselectableReasonOf(video, importingIds, false, false) === null);
  const isPageAllSelected =
    selectableOnPage.length > 0 && selectableOnPage.every((video) => selectedIds.has(video.videoId));
  const isLoadingPage = videos.isPlaceholderData;

  if (videos.data && items.length === 0 && page === 1) {
    return (
      <EmptyState
        icon={<FilmIcon />}
        title="No uploads on your channel yet"
        actions={
          <ButtonLink href="/import" variant="secondary">
            Import by link instead
          </ButtonLink>
        }
      >
        {connection.data ? `“${connection.data.channelTitle}” has no uploads yet. ` : null}
        When you publish on YouTube, your videos show up here, ready to import.
      </EmptyState>
    );
  }

  function selectWholePage() {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (isPageAllSelected) {
        for (const video of selectableOnPage) next.delete(video.videoId);
        return next;
      }
      for (const video of selectableOnPage) {
        if (next.size >= MAX_VIDEOS_PER_IMPORT) break;
        next.add(video.videoId);
      }
      return next;
    });
  }

  return (
    <div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p ref={summaryRef} tabIndex={-1} className="scroll-mt-24 text-sm text-muted-foreground focus:outline-none">
          {videos.data?.totalResults != null ? (
            <>
              <span className="font-medium text-foreground">
                {videos.data.totalResults} {videos.data.totalResults === 1 ? "video" : "videos"}
              </span>
              {connection.data ? ` on “${connection.data.channelTitle}”` : " on your channel"}
              {" · "}
            </>
          ) : null}
          Page {page}
          {pageCount ? ` of ${pageCount}` : null}
          {isLoadingPage ? <span className="sr-only">, loading</span> : null}
        </p>
        <div className="flex flex-wrap items-center gap-2 self-start sm:self-auto">
          {videos.data ? (
            <UpdatedAt
              fetchedAt={videos.data.fetchedAt}
              onRefresh={() => refresh.mutate(input)}
              isRefreshing={refresh.isPending}
            />
          ) : null}
          {selectableOnPage.length > 0 ? (
            <Button variant="ghost" size="sm" onClick={selectWholePage}>
              {isPageAllSelected ? "Clear this page" : "Select all on this page"}
            </Button>
          ) : null}
        </div>
      </div>

      {refresh.isError ? (
        <ApiErrorAlert
          className="mt-4"
          error={refresh.error}
          title="We couldn't refresh your videos"
          fallback="Please try again in a moment."
          onRetry={() => refresh.mutate(input)}
          isRetrying={refresh.isPending}
          onDismiss={() => refresh.reset()}
        />
      ) : null}

      {videos.isError ? (
        <ApiErrorAlert
          className="mt-4"
          error={videos.error}
          title="We couldn't load your videos"
          fallback="Please try again in a moment."
          onRetry={() => void videos.refetch()}
          isRetrying={videos.isFetching}
        />
      ) : null}

      {items.length > 0 ? (
        <ul
          aria-label="Your uploads"
          aria-busy={isLoadingPage || undefined}
          className={cx(
            "mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4",
            isLoadingPage && "opacity-60 transition-opacity",
          )}
        >
          {items.map((video) => {
            const isSelected = selectedIds.has(video.videoId);
            return (
              <VideoCard
                key={video.videoId}
                video={video}
                isSelected={isSelected}
                unselectableReason={unselectableReasonOf(video, importingIds, isSelected, isSelectionFull)}
                limitReasonId={limitReasonId}
                onToggle={toggle}
              />
            );
          })}
        </ul>
      ) : null}

      <Pagination
        className="mt-8"
        label="My Videos pages"
        page={page}
        pageCount={pageCount}
        hasPrevious={paging.previousTokens.length > 0}
        hasNext={Boolean(videos.data?.nextPageToken)}
        onPrevious={() => goTo("previous")}
        onNext={() => goTo("next")}
        pendingDirection={isLoadingPage ? paging.direction : null}
      />

      {/* Outside the tray, which is hidden while empty: a live region must exist before it changes. */}
      <p aria-live="polite" className="sr-only">
        {selectedIds.size > 0 ? `${selectedIds.size} selected` : ""}
      </p>
      <ImportTray
        selectedCount={selectedIds.size}
        limitReasonId={limitReasonId}
        isSelectionFull={isSelectionFull}
        onClear={() => setSelectedIds(EMPTY_IDS)}
        onImport={startImport}
        isImporting={importVideos.isPending}
        importError={importVideos.isError ? importVideos.error : null}
        onDismissError={() => importVideos.reset()}
        activeRun={activeRun}
        onRunFinished={handleRunFinished}
        onCloseRun={() => setActiveRun(null)}
      />
    </div>
  );
}

type ImportTrayProps = {
  selectedCount: number;
  limitReasonId: string;
  isSelectionFull: boolean;
  onClear: () => void;
  onImport: () => void;
  isImporting: boolean;
  importError: unknown;
  onDismissError: () => void;
  activeRun: ActiveRun | null;
  onRunFinished: (runId: string) => void;
  onCloseRun: () => void;
};

/**
 * Sticks to the bottom of the window while there is a selection or a run to follow, so "Import N selected"
 * and the run's progress stay in reach however far down the grid the user is.
 */
function ImportTray({
  selectedCount,
  limitReasonId,
  isSelectionFull,
  onClear,
  onImport,
  isImporting,
  importError,
  onDismissError,
  activeRun,
  onRunFinished,
  onCloseRun,
}: ImportTrayProps) {
  const hasContent = selectedCount > 0 || activeRun !== null || importError !== null;
  return (
    <section
      aria-label="Import selected videos"
      className={cx(
        "sticky bottom-3 z-20 mt-6 space-y-4 rounded-card border border-border bg-surface/95 p-4 shadow-raised backdrop-blur supports-[backdrop-filter]:bg-surface/85 sm:bottom-4",
        !hasContent && "hidden",
      )}
    >
      {importError ? (
        <ApiErrorAlert
          error={importError}
          title="The import didn't start"
          fallback="Please try again."
          onRetry={selectedCount > 0 ? onImport : undefined}
          isRetrying={isImporting}
          onDismiss={onDismissError}
        />
      ) : null}

      {selectedCount > 0 ? (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm">
            <span className="font-semibold">{selectedCount} selected</span>
            <span id={limitReasonId} className="text-muted-foreground">
              {isSelectionFull
                ? ` — that's the most one import can take (${MAX_VIDEOS_PER_IMPORT}).`
                : ` · up to ${MAX_VIDEOS_PER_IMPORT} per import`}
            </span>
          </p>
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            <Button variant="ghost" onClick={onClear}>
              Clear selection
            </Button>
            <Button onClick={onImport} aria-disabled={isImporting || undefined}>
              {isImporting ? <Spinner /> : null}
              {isImporting ? "Starting import…" : `Import ${selectedCount} selected`}
            </Button>
          </div>
        </div>
      ) : null}

      {activeRun ? (
        <div className={cx(selectedCount > 0 && "border-t border-border pt-4")}>
          <div className="mb-2 flex items-center justify-between gap-3">
            <h2 className="text-sm font-semibold">
              {activeRun.isFinished ? "Imported" : "Importing"} {activeRun.videoIds.size}{" "}
              {activeRun.videoIds.size === 1 ? "video" : "videos"}
            </h2>
            {activeRun.isFinished ? (
              <Button variant="ghost" size="sm" onClick={onCloseRun}>
                Close<span className="sr-only"> import progress</span>
              </Button>
            ) : null}
          </div>
          <ImportProgress
            key={activeRun.runId}
            runId={activeRun.runId}
            onFinished={() => onRunFinished(activeRun.runId)}
          />
        </div>
      ) : null}
    </section>
  );
}

function ConnectYouTubeCard({ isReconnect, message }: { isReconnect: boolean; message: string | null }) {
  return (
    <Card className="flex flex-col items-start gap-5 sm:flex-row">
      <span className="flex size-12 shrink-0 items-center justify-center rounded-control border border-border bg-surface-muted">
        <YouTubeIcon className="size-7" />
      </span>
      <div className="min-w-0">
        <h2 className="text-lg font-semibold tracking-tight">
          {isReconnect ? "Reconnect YouTube to see your videos" : "Connect YouTube to see your videos"}
        </h2>
        <p className="mt-2 text-sm leading-relaxed text-muted-foreground">
          {isReconnect
            ? (message ?? "Showreel's access to your channel has expired or was revoked.")
            : "Showreel lists your uploads here so you can pick the ones to turn into portfolio projects."}{" "}
          Access is read-only: Showreel never posts, edits or deletes anything on YouTube.
        </p>
        <div className="mt-5 flex flex-col gap-3 sm:flex-row">
          {/* A route handler that redirects to Google: a full page load, not a client-side navigation. */}
          <a href={YOUTUBE_CONNECT_HREF} className={buttonClassName()}>
            {isReconnect ? "Reconnect YouTube" : "Connect YouTube"}
          </a>
          <ButtonLink href="/import" variant="secondary">
            Import by link instead
          </ButtonLink>
        </div>
        <YouTubeTermsNotice className="mt-4" />
      </div>
    </Card>
  );
}
