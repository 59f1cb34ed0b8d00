"use client";

import { Suspense } from "react";
import { RequireSession } from "~/components/auth/require-session";
import { DeletedProjectNotice } from "~/components/project-detail/deleted-project-notice";
import { ProjectGridSkeleton } from "~/components/projects/project-grid-skeleton";
import { ProjectList } from "~/components/projects/project-list";

/**
 * The signed-in part of /projects. Visitors get a sign-in prompt; a signed-in user gets the page at once, with the session the app layout
 * read and the data the page preloaded. Every procedure below checks the session again.
 */
export function ProjectsView() {
  return (
    <RequireSession returnTo="/projects" reason="to see your projects" fallback={<ProjectGridSkeleton />}>
      {() => (
        // The list reads ?tool= / ?category=; without a boundary the whole page would skip prerendering.
        <Suspense fallback={<ProjectGridSkeleton />}>
          <DeletedProjectNotice />
          <ProjectList />
        </Suspense>
      )}
    </RequireSession>
  );
}
