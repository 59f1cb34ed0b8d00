import { Skeleton } from "~/components/ui/skeleton";

const SKELETON_CARDS = 8;

/** My Videos while the first page loads: the same grid, so nothing jumps when it arrives. */
export function VideoGridSkeleton({ label = "Loading your videos…" }: { label?: string }) {
  return (
    <div aria-busy="true">
      <Skeleton className="h-4 w-48 rounded-full" />
      <ul aria-hidden="true" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: SKELETON_CARDS }, (_, index) => (
          <li key={index} className="overflow-hidden rounded-card border border-border bg-surface shadow-card">
            <Skeleton className="aspect-video w-full" />
            <div className="space-y-2 p-4">
              <Skeleton className="h-3 w-16 rounded-full" />
              <Skeleton className="h-4 w-full rounded-full" />
              <Skeleton className="h-4 w-2/3 rounded-full" />
              <Skeleton className="mt-3 h-3 w-28 rounded-full" />
            </div>
          </li>
        ))}
      </ul>
      <span className="sr-only">{label}</span>
    </div>
  );
}
