"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { ApiErrorAlert } from "~/components/errors/api-error-alert";
import { shouldRetryQuery } from "~/components/errors/error-text";
import { MAX_PROJECT_CATEGORIES, MAX_PROJECT_TOOLS } from "~/lib/projects/projects.schema";
import { useTRPC } from "~/trpc/client";
import { CategoryPicker } from "./category-picker";
import { TagChipList } from "./tag-chip-list";
import { ToolCombobox, type CatalogOption } from "./tool-combobox";
import { TopicForm } from "./topic-form";
import { useProjectUpdate, type PendingProjectEdits, type ProjectDetailData } from "./use-project-update";

type TagEditorProps = { project: ProjectDetailData; edits: PendingProjectEdits };

/** Catalog entries for the slugs, named from the catalog when it has loaded, else from the project's own tags. */
function namedTags(slugs: string[], ...sources: (CatalogOption[] | undefined)[]): CatalogOption[] {
  const names = new Map(sources.flatMap((source) => source ?? []).map((entry) => [entry.slug, entry.name]));
  return slugs.map((slug) => ({ slug, name: names.get(slug) ?? slug }));
}

/**
 * The project's tools, categories (both from the catalog) and topics (free text). Every add or remove
 * sends the whole new set at once and shows it straight away; saves go out in order (useProjectUpdate).
 */
export function TagEditor({ project, edits }: TagEditorProps) {
  const trpc = useTRPC();
  const titleId = useId();
  const update = useProjectUpdate(project.id);
  const catalog = useQuery(trpc.projects.catalog.queryOptions(undefined, { staleTime: Infinity, retry: shouldRetryQuery }));
  const [announcement, setAnnouncement] = useState("");
  const toolInputRef = useRef<HTMLInputElement>(null);
  const categoryToggleRef = useRef<HTMLButtonElement>(null);
  const topicInputRef = useRef<HTMLInputElement>(null);

  const tools = namedTags(edits.toolSlugs ?? project.tools.map((tool) => tool.slug), project.tools, catalog.data?.tools);
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

  const chosenTools = new Set(tools.map((tool) => tool.slug));
  const toolBlockedReason = catalog.isPending
    ? "Loading the tool catalog…"
    : tools.length >= MAX_PROJECT_TOOLS
      ? `A project can have up to ${MAX_PROJECT_TOOLS} tools. Remove one to add another.`
      : catalog.isError
        ? "The tool catalog didn't load."
        : null;

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="text-lg font-semibold tracking-tight">
        Tags
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        What the video shows off. Changes save as you make them.
      </p>

      <div className="mt-5 space-y-7">
        <div>
          <h3 className="mb-2 text-base font-semibold">Tools</h3>
          <TagChipList
            label="Tools"
            noun="tool"
            tone="tool"
            tags={tools.map((tool) => ({ key: tool.slug, name: tool.name }))}
            fallbackFocusRef={toolInputRef}
            onRemove={(tag) =>
              save({ toolSlugs: tools.filter((tool) => tool.slug !== tag.key).map((tool) => tool.slug) }, `Removed the tool ${tag.name}.`)
            }
          />
          <div className="mt-3 max-w-md">
            <ToolCombobox
              label="Add a tool"
              inputRef={toolInputRef}
              options={(catalog.data?.tools ?? []).filter((tool) => !chosenTools.has(tool.slug))}
              blockedReason={toolBlockedReason}
              onAdd={(tool) => save({ toolSlugs: [...tools.map((entry) => entry.slug), tool.slug] }, `Added the tool ${tool.name}.`)}
            />
          </div>
        </div>

        <div>
          <h3 className="mb-2 text-base font-semibold">Categories</h3>
          <TagChipList
            label="Categories"
            noun="category"
            tone="category"
            tags={categories.map((category) => ({ key: category.slug, name: category.name }))}
            fallbackFocusRef={categoryToggleRef}
            onRemove={(tag) =>
              save(
                { categorySlugs: categories.filter((category) => category.slug !== tag.key).map((category) => category.slug) },
                `Removed the category ${tag.name}.`,
              )
            }
          />
          <CategoryPicker
            toggleRef={categoryToggleRef}
            catalog={catalog.data?.categories}
            chosen={categories.map((category) => category.slug)}
            max={MAX_PROJECT_CATEGORIES}
            onChange={(slugs, message) => save({ categorySlugs: slugs }, message)}
          />
        </div>

        <div>
          <h3 className="mb-2 text-base font-semibold">Topics</h3>
          <TagChipList
            label="Topics"
            noun="topic"
            tone="topic"
            tags={topics.map((topic) => ({ key: topic.toLowerCase(), name: topic }))}
            fallbackFocusRef={topicInputRef}
            onRemove={(tag) => save({ topics: topics.filter((topic) => topic !== tag.name) }, `Removed the topic ${tag.name}.`)}
          />
          <TopicForm inputRef={topicInputRef} topics={topics} onAdd={(topic) => save({ topics: [...topics, topic] }, `Added the topic ${topic}.`)} />
        </div>
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
