"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Spinner } from "~/components/ui/icons";
import { useTRPC } from "~/trpc/client";
import { DELETED_PROJECT_PARAM } from "./deleted-project-notice";

/** Delete, behind a confirmation; then back to the list, which says what was deleted. */
export function DeleteProjectSection({ projectId, title }: { projectId: string; title: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        // Stop the page's own reads first: one landing now would show "no longer exists" for a moment.
        await queryClient.cancelQueries(trpc.projects.get.queryFilter({ id: projectId }));
        void queryClient.invalidateQueries({ queryKey: trpc.projects.list.pathKey() });
        router.push(`/projects?${DELETED_PROJECT_PARAM}=${encodeURIComponent(title)}`);
      },
    }),
  );

  return (
    <Card as="section" aria-labelledby={titleId} className="p-5">
      <h2 id={titleId} className="text-base font-semibold tracking-tight">
        Delete project
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">Removes it from Showreel. The video stays on YouTube.</p>
      <Button variant="danger" size="sm" className="mt-4" onClick={() => setIsConfirming(true)}>
        Delete project
      </Button>

      <Dialog
        open={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          remove.reset();
        }}
        isDismissable={!remove.isPending}
        initialFocusRef={cancelRef}
        title={`Delete “${title}”?`}
        description="The project and its tags are removed from Showreel. The video stays on YouTube, and you can import it again later."
      >
        {remove.isError ? (
          <ApiErrorAlert
            className="mt-4"
            error={remove.error}
            title="The project wasn't deleted"
            onDismiss={() => remove.reset()}
          />
        ) : null}
        <DialogActions>
          <Button
            ref={cancelRef}
            variant="secondary"
            aria-disabled={remove.isPending || undefined}
            onClick={() => {
              if (!remove.isPending) setIsConfirming(false);
            }}
          >
            Cancel
          </Button>
          <Button
            variant="danger"
            aria-disabled={remove.isPending || remove.isSuccess || undefined}
            onClick={() => {
              if (!remove.isPending && !remove.isSuccess) remove.mutate({ id: projectId });
            }}
          >
            {remove.isPending || remove.isSuccess ? <Spinner /> : null}
            {remove.isPending || remove.isSuccess ? "Deleting…" : "Delete project"}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
