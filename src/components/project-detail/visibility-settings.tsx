"use client";

import { useId, useRef, useState } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { Card } from "~/components/ui/card";
import { cx } from "~/components/ui/class-names";
import type { ProjectVisibility } from "~/lib/projects/projects.schema";
import { useProjectUpdate, type PendingProjectEdits, type ProjectDetailData } from "./use-project-update";

const OPTIONS: { value: ProjectVisibility; label: string; hint: string }[] = [
  { value: "public", label: "Public", hint: "Shown on your public portfolio." },
  { value: "unlisted", label: "Unlisted", hint: "Kept off your portfolio's list for now." },
  { value: "private", label: "Private", hint: "Only you see it, here in Showreel." },
];

type VisibilitySettingsProps = { project: ProjectDetailData; edits: PendingProjectEdits };

/**
 * Where the project shows: public, unlisted or private, and whether it is a showcase piece. Each change
 * saves at once; the controls show the asked-for value while it saves, and the saved one if it failed.
 */
export function VisibilitySettings({ project, edits }: VisibilitySettingsProps) {
  const update = useProjectUpdate(project.id);
  const titleId = useId();
  // The value just clicked, held until its save settles: the pending-edits list updates a tick after the
  // click, and a controlled input would snap back for that tick.
  const [asked, setAsked] = useState<Pick<PendingProjectEdits, "visibility" | "isShowcase">>({});
  const visibility = asked.visibility ?? edits.visibility ?? project.visibility;
  const isShowcase = asked.isShowcase ?? edits.isShowcase ?? project.isShowcase;
  const isUnavailable = project.availability !== "available";

  const latestSave = useRef(0);

  function save(data: Pick<PendingProjectEdits, "visibility" | "isShowcase">) {
    const token = ++latestSave.current;
    setAsked((current) => ({ ...current, ...data }));
    // By then the saved project (or, after a failure, the old one) is in the cache; a newer click keeps its value.
    update.mutate({ id: project.id, data }, { onSettled: () => latestSave.current === token && setAsked({}) });
  }

  return (
    <Card as="section" aria-labelledby={titleId} className="p-5">
      <h2 id={titleId} className="text-base font-semibold tracking-tight">
        On your portfolio
      </h2>
      {isUnavailable ? (
        <p className="mt-1 text-sm text-muted-foreground">
          Hidden while the video is unavailable on YouTube, whatever you pick.
        </p>
      ) : null}
      <fieldset className="mt-3">
        <legend className="text-sm font-medium">Visibility</legend>
        <div className="mt-2 space-y-2">
          {OPTIONS.map((option) => (
            <ChoiceRow
              key={option.value}
              type="radio"
              name={`visibility-${project.id}`}
              label={option.label}
              hint={option.hint}
              isChecked={visibility === option.value}
              onChange={() => save({ visibility: option.value })}
            />
          ))}
        </div>
      </fieldset>

      <ChoiceRow
        type="checkbox"
        label="Showcase"
        hint="Feature it among your best work."
        isChecked={isShowcase}
        onChange={(isChecked) => save({ isShowcase: isChecked })}
        className="mt-4"
      />

      <div aria-live="polite" className="mt-3 text-sm">
        {update.isPending ? <p className="text-muted-foreground">Saving…</p> : null}
        {update.isSuccess ? <p className="text-success-fg">Saved.</p> : null}
      </div>
      {update.isError ? (
        <ApiErrorAlert
          className="mt-3"
          error={update.error}
          title="That change wasn't saved"
          onDismiss={() => update.reset()}
        />
      ) : null}
    </Card>
  );
}

type ChoiceRowProps = {
  type: "radio" | "checkbox";
  name?: string;
  label: string;
  hint: string;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
  className?: string;
};

/**
 * A radio or checkbox named by its short label and described by its hint. The label's ::after covers the
 * whole row, so a click anywhere on it toggles the control.
 */
function ChoiceRow({ type, name, label, hint, isChecked, onChange, className }: ChoiceRowProps) {
  const inputId = useId();
  const hintId = useId();
  return (
    <div
      className={cx(
        "relative flex items-start gap-3 rounded-control border px-3 py-2.5 transition-colors",
        isChecked ? "border-brand bg-brand-soft" : "border-border hover:bg-surface-muted",
        className,
      )}
    >
      <input
        id={inputId}
        type={type}
        name={name}
        checked={isChecked}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.checked)}
        // Above the label's row-wide ::after, so the control itself takes its own clicks.
        className="relative z-10 mt-0.5 size-4 shrink-0 accent-brand"
      />
      <div className="min-w-0">
        <label htmlFor={inputId} className="block cursor-pointer text-sm font-medium after:absolute after:inset-0">
          {label}
        </label>
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      </div>
    </div>
  );
}
