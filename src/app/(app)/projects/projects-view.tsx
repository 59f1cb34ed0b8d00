"use client";

import { Suspense } from "react";
import { RequireSession } from "~/components/auth/require-session";
import { ProjectGridSkeleton } from "~/components/projects/project-grid-skeleton";
import { ProjectList } from "~/components/projects/project-list";

/**
 * The signed-in part of /projects. The session is checked in the browser so the page itself stays static;
 * every procedure below checks it again on the server.
 */
export function ProjectsView() {
  return (
    <RequireSession returnTo="/projects" reason="to see your projects" fallback={<ProjectGridSkeleton />}>
      {() => (
        // The list reads ?tool= / ?category=; without a boundary the whole page would skip prerendering.
        <Suspense fallback={<ProjectGridSkeleton />}>
          <ProjectList />
        </Suspense>
      )}
    </RequireSession>
  );
}
