"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { SubmitButton } from "~/components/forms/submit-button";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/input";
import { TextAreaField } from "~/components/ui/textarea";
import { VIDEO_KIND_LABELS } from "~/components/videos/video-thumbnail";
import {
  MAX_PROJECT_DESCRIPTION_LENGTH,
  projectDescriptionSchema,
  projectTitleSchema,
} from "~/lib/projects/projects.schema";
import { ExternalLink } from "./external-link";
import { useProjectUpdate, type PendingProjectEdits, type ProjectDetailData } from "./use-project-update";

const VISIBILITY_LABELS = { public: "Public", unlisted: "Unlisted", private: "Private" } as const;

type DetailsEditorProps = { project: ProjectDetailData; edits: PendingProjectEdits };

/** The project's title (the page's h1) and description, with an inline form to edit both. */
export function DetailsEditor({ project, edits }: DetailsEditorProps) {
  const [isEditing, setIsEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const shouldRefocusRef = useRef(false);
  const descriptionTitleId = useId();
  const title = edits.title ?? project.title;
  const description = edits.description ?? project.description;
  const visibility = edits.visibility ?? project.visibility;

  // When the form closes, focus goes back to the button that opened it instead of being lost.
  useEffect(() => {
    if (!isEditing && shouldRefocusRef.current) {
      shouldRefocusRef.current = false;
      editButtonRef.current?.focus();
    }
  }, [isEditing]);

  function closeForm() {
    shouldRefocusRef.current = true;
    setIsEditing(false);
  }

  return (
    <div>
      <header>
        <p className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          {VIDEO_KIND_LABELS[project.kind]}
          <span aria-hidden="true"> · </span>
          <span className="sr-only">Portfolio visibility: </span>
          {VISIBILITY_LABELS[visibility]}
          {(edits.isShowcase ?? project.isShowcase) ? (
            <>
              <span aria-hidden="true"> · </span>Showcase
            </>
          ) : null}
        </p>
        <h1 id="project-title" className="mt-2 text-2xl font-bold tracking-tight break-words sm:text-3xl">
          {title}
        </h1>
        <div className="mt-4 flex flex-wrap gap-3">
          <ExternalLink href={project.externalUrl} variant="button">
            View on YouTube
          </ExternalLink>
          {isEditing ? null : (
            <Button ref={editButtonRef} variant="secondary" onClick={() => setIsEditing(true)}>
              Edit title and description
            </Button>
          )}
        </div>
      </header>

      {isEditing ? (
        <DetailsForm project={project} onDone={closeForm} />
      ) : (
        <section aria-labelledby={descriptionTitleId} className="mt-8">
          <h2 id={descriptionTitleId} className="text-lg font-semibold tracking-tight">
            Description
          </h2>
          {description ? (
            <p className="mt-2 text-sm leading-relaxed break-words whitespace-pre-line text-foreground">
              {description}
            </p>
          ) : (
            <p className="mt-2 text-sm text-muted-foreground">No description yet.</p>
          )}
        </section>
      )}
    </div>
  );
}

type FieldErrors = { title?: string | undefined; description?: string | undefined };

function DetailsForm({ project, onDone }: { project: ProjectDetailData; onDone: () => void }) {
  const update = useProjectUpdate(project.id);
  const formTitleId = useId();
  // A draft: it starts from the saved text and is the user's until they save or cancel.
  const [title, setTitle] = useState(project.title);
  const [description, setDescription] = useState(project.description);
  const [errors, setErrors] = useState<FieldErrors>({});
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const parsedTitle = projectTitleSchema.safeParse(title);
    const parsedDescription = projectDescriptionSchema.safeParse(description);
    const nextErrors: FieldErrors = {
      title: parsedTitle.error?.issues[0]?.message,
      description: parsedDescription.error?.issues[0]?.message,
    };
    setErrors(nextErrors);
    if (!parsedTitle.success || !parsedDescription.success) {
      (nextErrors.title ? titleRef : descriptionRef).current?.focus();
      return;
    }
    if (parsedTitle.data === project.title && parsedDescription.data === project.description) {
      onDone();
      return;
    }
    update.mutate(
      { id: project.id, data: { title: parsedTitle.data, description: parsedDescription.data } },
      { onSuccess: onDone },
    );
  }

  return (
    <Card as="section" aria-labelledby={formTitleId} className="mt-8">
      <h2 id={formTitleId} className="text-lg font-semibold tracking-tight">
        Edit title and description
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Changes show on Showreel only; the video on YouTube stays as it is.
      </p>
      <form noValidate onSubmit={handleSubmit} className="mt-5 flex flex-col gap-5">
        <TextField
          ref={titleRef}
          label="Title"
          value={title}
          maxLength={200}
          error={errors.title}
          onChange={(event) => {
            setTitle(event.target.value);
            if (errors.title) setErrors({ ...errors, title: undefined });
          }}
        />
        <TextAreaField
          ref={descriptionRef}
          label="Description"
          rows={8}
          value={description}
          error={errors.description}
          labelAside={
            <span className="text-xs text-muted-foreground tabular-nums">
              {description.length.toLocaleString()} / {MAX_PROJECT_DESCRIPTION_LENGTH.toLocaleString()}
            </span>
          }
          onChange={(event) => {
            setDescription(event.target.value);
            if (errors.description) setErrors({ ...errors, description: undefined });
          }}
        />
        {update.isError ? (
          <ApiErrorAlert
            error={update.error}
            title="Your changes weren't saved"
            fallback="Check the title and description, then save again."
            onDismiss={() => update.reset()}
          />
        ) : null}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <SubmitButton isPending={update.isPending} pendingLabel="Saving…">
            Save changes
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}
