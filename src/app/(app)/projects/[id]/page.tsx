import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { withNextPath } from "~/components/auth/safe-next-path";
import { ProjectDetail } from "~/components/project-detail/project-detail";
import { projectIdInputSchema } from "~/lib/projects/projects.schema";
import { getQueryClient, getServerSession, HydrateClient, trpc } from "~/trpc/server";

type ProjectPageProps = { params: Promise<{ id: string }> };

/**
 * The project, read once per request into the query client the page hydrates from, so the first HTML
 * already shows it. A malformed id, an unknown one and someone else's all answer the site's 404 (we never
 * say which); a signed-out visitor is sent to sign in and back.
 */
const loadProject = cache(async (id: string) => {
  if (!(await getServerSession())) redirect(withNextPath("/sign-in", `/projects/${id}`));
  if (!projectIdInputSchema.safeParse({ id }).success) notFound();
  try {
    return await getQueryClient().fetchQuery(trpc.projects.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: ProjectPageProps): Promise<Metadata> {
  const project = await loadProject((await params).id);
  return { title: project.title, robots: { index: false } };
}

export default async function ProjectPage({ params }: ProjectPageProps) {
  const { id } = await params;
  await loadProject(id);
  return (
    <HydrateClient>
      <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-12">
        <ProjectDetail projectId={id} />
      </div>
    </HydrateClient>
  );
}
