"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { cx } from "~/components/ui/class-names";
import { Input } from "~/components/ui/input";

export type CatalogOption = { slug: string; name: string };

type ToolComboboxProps = {
  label: string;
  /** The catalog entries that can still be added (the chosen ones left out). */
  options: CatalogOption[];
  onAdd: (option: CatalogOption) => void;
  /** Why nothing can be added now ("Loading tools…", the limit); the field is then read-only. */
  blockedReason: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
};

function matches(option: CatalogOption, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return (
    needle === "" || option.name.toLowerCase().includes(needle) || option.slug.includes(needle.replaceAll(" ", "-"))
  );
}

/**
 * An editable combobox with a list popup (WAI-ARIA APG "combobox with listbox popup"): type to filter,
 * ↓/↑ to move through the matches, Enter to add, Escape to close (a second Escape clears the text).
 * Focus stays in the field; the highlighted option is announced through aria-activedescendant.
 */
export function ToolCombobox({ label, options, onAdd, blockedReason, inputRef }: ToolComboboxProps) {
  const inputId = useId();
  const listboxId = useId();
  const hintId = useId();
  const [query, setQuery] = useState("");
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const filtered = options.filter((option) => matches(option, query));
  const isExpanded = isOpen && filtered.length > 0 && blockedReason === null;
  const active = isExpanded ? filtered[activeIndex] : undefined;
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  // Keeps the highlighted option in view while arrowing through a long list; no data involved.
  useEffect(() => {
    if (activeIndex >= 0) listRef.current?.children[activeIndex]?.scrollIntoView({ block: "nearest" });
  }, [activeIndex]);

  function add(option: CatalogOption) {
    onAdd(option);
    setQuery("");
    setIsOpen(false);
    setActiveIndex(-1);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (blockedReason !== null) return;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setIsOpen(true);
        setActiveIndex((index) => (filtered.length === 0 ? -1 : (index + 1) % filtered.length));
        break;
      case "ArrowUp":
        event.preventDefault();
        setIsOpen(true);
        setActiveIndex((index) => (filtered.length === 0 ? -1 : index <= 0 ? filtered.length - 1 : index - 1));
        break;
      case "Enter":
        // Enter adds the highlighted tool, or the only match; it never submits anything else.
        event.preventDefault();
        if (active) add(active);
        else if (isOpen && filtered.length === 1 && filtered[0]) add(filtered[0]);
        break;
      case "Escape":
        if (isOpen) setIsOpen(false);
        else setQuery("");
        setActiveIndex(-1);
        break;
    }
  }

  const hasNoMatch = isOpen && query.trim() !== "" && filtered.length === 0;

  return (
    <div>
      <label htmlFor={inputId} className="text-sm font-medium text-foreground">
        {label}
      </label>
      <div className="relative mt-1.5">
        <Input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={isExpanded}
          aria-controls={listboxId}
          aria-activedescendant={active ? optionId(activeIndex) : undefined}
          aria-describedby={blockedReason !== null || hasNoMatch ? hintId : undefined}
          readOnly={blockedReason !== null}
          placeholder={blockedReason === null ? "Type to search the catalog" : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setIsOpen(true);
            setActiveIndex(-1);
          }}
          onClick={() => setIsOpen(true)}
          onBlur={() => setIsOpen(false)}
          onKeyDown={handleKeyDown}
        />
        <ul
          ref={listRef}
          id={listboxId}
          role="listbox"
          aria-label={label}
          hidden={!isExpanded}
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-64 overflow-y-auto rounded-control border border-border bg-surface py-1 shadow-raised"
        >
          {isExpanded
            ? filtered.map((option, index) => (
                <li
                  key={option.slug}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  // Keeps focus in the field: a click must not blur it (which would close the list first).
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => add(option)}
                  className={cx(
                    "cursor-pointer px-3 py-2 text-sm",
                    index === activeIndex ? "bg-brand-soft text-brand-text" : "text-foreground hover:bg-surface-muted",
                  )}
                >
                  {option.name}
                </li>
              ))
            : null}
        </ul>
      </div>
      <p id={hintId} aria-live="polite" className="mt-1.5 text-sm text-muted-foreground empty:hidden">
        {blockedReason ?? (hasNoMatch ? `No tool in the catalog matches “${query.trim()}”.` : "")}
      </p>
    </div>
  );
}
