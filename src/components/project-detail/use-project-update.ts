"use client";

import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import type { inferInput, inferOutput } from "@trpc/tanstack-react-query";
import { useTRPC } from "~/trpc/client";

type ProjectsApi = ReturnType<typeof useTRPC>["projects"];
export type ProjectDetailData = inferOutput<ProjectsApi["get"]>;
export type ProjectUpdateInput = inferInput<ProjectsApi["update"]>;
/** Fields of edits still on their way to the server, newest last wins. */
export type PendingProjectEdits = Partial<ProjectUpdateInput["data"]>;

/**
 * An edit of one project (title, tags, visibility…), one mutation per page section so each shows its own
 * failure. Every section shares one mutation scope per project: TanStack runs a scope's mutations one
 * after another, so a quick second edit never reaches the server before the first and loses to it.
 */
export function useProjectUpdate(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.projects.update.mutationOptions({
      scope: { id: `project-update:${projectId}` },
      // A poll already on its way could land after the edit with the old values.
      onMutate: () => queryClient.cancelQueries(trpc.projects.get.queryFilter({ id: projectId })),
      onSuccess: (project) => {
        queryClient.setQueryData(trpc.projects.get.queryKey({ id: projectId }), project);
        void queryClient.invalidateQueries({ queryKey: trpc.projects.list.pathKey() });
      },
    }),
  );
}

/**
 * What edits still in flight (or queued behind each other) will set, merged oldest to newest. The page
 * shows these over the last server copy, so a change shows at once and the next edit builds on it; a
 * failed edit drops out of the list and its field shows the server's value again.
 */
export function usePendingProjectEdits(projectId: string): PendingProjectEdits {
  const trpc = useTRPC();
  const pending = useMutationState({
    filters: { mutationKey: trpc.projects.update.mutationKey(), status: "pending" },
    select: (mutation) => mutation.state.variables as ProjectUpdateInput | undefined,
  });
  return Object.assign({}, ...pending.filter((input) => input?.id === projectId).map((input) => input?.data));
}
