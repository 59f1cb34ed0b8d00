"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { SHOWREEL_ANALYSIS } from "~/components/projects/showreel-analysis-label";
import { SparklesIcon } from "~/components/ui/media-icons";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { MAX_PROJECT_CATEGORIES, MAX_PROJECT_TOOLS } from "~/lib/projects/projects.schema";
import { useTRPC } from "~/trpc/client";
import { CategoryPicker } from "./category-picker";
import { TagGroup, type Tag } from "./tag-group";
import { ToolCombobox, type CatalogOption } from "./tool-combobox";
import { TopicForm } from "./topic-form";
import { useProjectUpdate, type PendingProjectEdits, type ProjectDetailData } from "./use-project-update";

type TagEditorProps = { project: ProjectDetailData; edits: PendingProjectEdits };

/** Tags for the slugs, named from the catalog when it has loaded, else from the project's own tags. */
function namedTags(slugs: string[], ...sources: (CatalogOption[] | undefined)[]): Tag[] {
  const names = new Map(sources.flatMap((source) => source ?? []).map((entry) => [entry.slug, entry.name]));
  return slugs.map((slug) => ({ key: slug, name: names.get(slug) ?? slug }));
}

const keyOf = (tag: Tag) => tag.key;

/**
 * The project's tools, categories (both from the catalog) and topics (free text). Every add or remove
 * sends the whole new set at once and shows it straight away; saves go out in order (useProjectUpdate).
 */
export function TagEditor({ project, edits }: TagEditorProps) {
  const trpc = useTRPC();
  const titleId = useId();
  const update = useProjectUpdate(project.id);
  const catalog = useQuery(
    trpc.projects.catalog.queryOptions(undefined, { staleTime: Infinity, retry: shouldRetryQuery }),
  );
  const [announcement, setAnnouncement] = useState("");
  const toolInputRef = useRef<HTMLInputElement>(null);
  const categoryToggleRef = useRef<HTMLButtonElement>(null);
  const topicInputRef = useRef<HTMLInputElement>(null);

  const tools = namedTags(
    edits.toolSlugs ?? project.tools.map((tool) => tool.slug),
    project.tools,
    catalog.data?.tools,
  );
  const categories = namedTags(
    edits.categorySlugs ?? project.categories.map((category) => category.slug),
    project.categories,
    catalog.data?.categories,
  );
  const topics = edits.topics ?? project.topics;

  function save(data: PendingProjectEdits, message: string) {
    setAnnouncement(message);
    update.mutate({ id: project.id, data });
  }

  const chosenTools = new Set(tools.map(keyOf));
  const toolBlockedReason = catalog.isPending
    ? "Loading the tool catalog…"
    : tools.length >= MAX_PROJECT_TOOLS
      ? `A project can have up to ${MAX_PROJECT_TOOLS} tools. Remove one to add another.`
      : catalog.isError
        ? "The tool catalog didn't load."
        : null;

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="flex items-center gap-2 text-lg font-semibold tracking-tight">
        <SparklesIcon className="size-4 text-brand-text" />
        {SHOWREEL_ANALYSIS}
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        The tools, categories and topics Showreel found in the video&apos;s title and description — Showreel&apos;s own
        analysis, not data from YouTube. Edit them as you like: changes save as you make them.
      </p>

      <div className="mt-5 space-y-7">
        <TagGroup
          heading="Tools"
          noun="tool"
          tone="tool"
          tags={tools}
          fallbackFocusRef={toolInputRef}
          onRemove={(remaining, announcement) => save({ toolSlugs: remaining.map(keyOf) }, announcement)}
        >
          <div className="mt-3 max-w-md">
            <ToolCombobox
              label="Add a tool"
              inputRef={toolInputRef}
              options={(catalog.data?.tools ?? []).filter((tool) => !chosenTools.has(tool.slug))}
              blockedReason={toolBlockedReason}
              onAdd={(tool) => save({ toolSlugs: [...tools.map(keyOf), tool.slug] }, `Added the tool ${tool.name}.`)}
            />
          </div>
        </TagGroup>

        <TagGroup
          heading="Categories"
          noun="category"
          tone="category"
          tags={categories}
          fallbackFocusRef={categoryToggleRef}
          onRemove={(remaining, announcement) => save({ categorySlugs: remaining.map(keyOf) }, announcement)}
        >
          <CategoryPicker
            toggleRef={categoryToggleRef}
            catalog={catalog.data?.categories}
            chosen={categories.map(keyOf)}
            max={MAX_PROJECT_CATEGORIES}
            onChange={(slugs, message) => save({ categorySlugs: slugs }, message)}
          />
        </TagGroup>

        <TagGroup
          heading="Topics"
          noun="topic"
          tone="topic"
          tags={topics.map((topic) => ({ key: topic, name: topic }))}
          fallbackFocusRef={topicInputRef}
          onRemove={(remaining, announcement) => save({ topics: remaining.map(keyOf) }, announcement)}
        >
          <TopicForm
            inputRef={topicInputRef}
            topics={topics}
            onAdd={(topic) => save({ topics: [...topics, topic] }, `Added the topic ${topic}.`)}
          />
        </TagGroup>
      </div>

      <p aria-live="polite" className="sr-only">
        {update.isPending || update.isSuccess ? announcement : ""}
      </p>
      {catalog.isError ? (
        <ApiErrorAlert
          className="mt-5"
          error={catalog.error}
          title="We couldn't load the tool and category catalog"
          onRetry={() => void catalog.refetch()}
          isRetrying={catalog.isFetching}
        />
      ) : null}
      {update.isError ? (
        <ApiErrorAlert
          className="mt-5"
          error={update.error}
          title="That tag change wasn't saved"
          fallback="That tag can't be saved. Check it and try again."
          onDismiss={() => update.reset()}
        />
      ) : null}
    </section>
  );
}
