import { Skeleton } from "~/components/ui/skeleton";

const SKELETON_CARDS = 6;

/** The Projects grid while it loads, shaped like the cards so nothing jumps when they arrive. */
export function ProjectGridSkeleton() {
  return (
    <div aria-busy="true">
      <ul aria-hidden="true" className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: SKELETON_CARDS }, (_, index) => (
          <li key={index} className="overflow-hidden rounded-card border border-border bg-surface shadow-card">
            <Skeleton className="aspect-video w-full" />
            <div className="space-y-2 p-4">
              <Skeleton className="h-3 w-14 rounded-full" />
              <Skeleton className="h-4 w-full rounded-full" />
              <Skeleton className="h-3 w-32 rounded-full" />
              <div className="flex gap-1.5 pt-3">
                <Skeleton className="h-7 w-20 rounded-full" />
                <Skeleton className="h-7 w-16 rounded-full" />
              </div>
              <Skeleton className="mt-3 h-6 w-24 rounded-full" />
            </div>
          </li>
        ))}
      </ul>
      <span className="sr-only">Loading your projects…</span>
    </div>
  );
}
