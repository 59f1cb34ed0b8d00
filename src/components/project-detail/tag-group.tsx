"use client";

import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import { cx } from "~/components/ui/class-names";
import { CloseIcon } from "~/components/ui/icons";

export type Tag = { key: string; name: string };

const TONE_CLASSES = {
  tool: "border-border bg-surface-muted text-foreground",
  category: "border-info/30 bg-info/10 text-info-fg",
  topic: "border-brand/25 bg-brand-soft text-brand-text",
} as const;

type TagGroupProps = {
  /** The group's h3, also the list's accessible name ("Tools"). */
  heading: string;
  /** The kind of tag in one word, for the remove buttons and the announcement ("tool"). */
  noun: string;
  tags: Tag[];
  tone: keyof typeof TONE_CLASSES;
  /** The tags left after a removal, and the sentence to announce for it. */
  onRemove: (remaining: Tag[], announcement: string) => void;
  /** Where focus goes when the last chip is removed (the field that adds one). */
  fallbackFocusRef: RefObject<HTMLElement | null>;
  /** The control that adds one. */
  children: ReactNode;
};

/**
 * One kind of tag: its heading, the tags as chips each with its own remove button, then the way to add
 * one. After a removal focus moves to the chip that took its place (or the one before, or the add
 * field), so keyboard users are not dropped back at the top of the page.
 */
export function TagGroup({ heading, noun, tags, tone, onRemove, fallbackFocusRef, children }: TagGroupProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const focusIndexRef = useRef<number | null>(null);

  // Runs after the chip is gone from the DOM; it moves focus only, nothing is fetched.
  useEffect(() => {
    const index = focusIndexRef.current;
    if (index === null) return;
    focusIndexRef.current = null;
    const buttons = listRef.current?.querySelectorAll("button");
    const next = buttons && buttons.length > 0 ? buttons[Math.min(index, buttons.length - 1)] : null;
    (next ?? fallbackFocusRef.current)?.focus();
  }, [tags.length, fallbackFocusRef]);

  return (
    <div>
      <h3 className="mb-2 text-base font-semibold">{heading}</h3>
      {tags.length === 0 ? (
        <p className="text-sm text-muted-foreground">None yet.</p>
      ) : (
        <ul ref={listRef} aria-label={heading} className="flex flex-wrap gap-2">
          {tags.map((tag, index) => (
            <li key={tag.key}>
              <span
                className={cx(
                  "inline-flex h-8 max-w-full items-center gap-1 rounded-full border pr-1 pl-3 text-sm font-medium",
                  TONE_CLASSES[tone],
                )}
              >
                <span className="truncate">{tag.name}</span>
                <button
                  type="button"
                  onClick={() => {
                    focusIndexRef.current = index;
                    onRemove(
                      tags.filter((other) => other.key !== tag.key),
                      `Removed the ${noun} ${tag.name}.`,
                    );
                  }}
                  className="inline-flex size-6 shrink-0 items-center justify-center rounded-full hover:bg-foreground/10"
                >
                  <CloseIcon className="size-3.5" />
                  <span className="sr-only">
                    Remove {noun} {tag.name}
                  </span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
