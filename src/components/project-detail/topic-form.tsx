"use client";

import { useState, type FormEvent, type RefObject } from "react";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/input";
import { MAX_PROJECT_TOPICS, MAX_TOPIC_LENGTH, topicSchema } from "~/lib/projects/projects.schema";

type TopicFormProps = {
  inputRef: RefObject<HTMLInputElement | null>;
  topics: string[];
  onAdd: (topic: string) => void;
};

/** Adds one free-text topic, checked here with the server's own rules (length, repeats, how many). */
export function TopicForm({ inputRef, topics, onAdd }: TopicFormProps) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const isFull = topics.length >= MAX_PROJECT_TOPICS;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isFull) return;
    const parsed = topicSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the topic");
      return;
    }
    if (topics.some((topic) => topic.toLowerCase() === parsed.data.toLowerCase())) {
      setError("That topic is already there");
      return;
    }
    onAdd(parsed.data);
    setDraft("");
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="mt-3 flex max-w-md flex-col gap-3 sm:flex-row sm:items-start">
      <TextField
        ref={inputRef}
        label="Add a topic"
        className="min-w-0 flex-1"
        value={draft}
        readOnly={isFull}
        maxLength={MAX_TOPIC_LENGTH * 2}
        error={error}
        hint={isFull ? `A project can have up to ${MAX_PROJECT_TOPICS} topics. Remove one to add another.` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          if (error) setError(null);
        }}
      />
      <Button type="submit" variant="secondary" aria-disabled={isFull || undefined} className="sm:mt-7">
        Add topic
      </Button>
    </form>
  );
}
