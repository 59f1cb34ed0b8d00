"use client";

import { useId, useState, type RefObject } from "react";
import { Button } from "~/components/ui/button";
import type { CatalogOption } from "./tool-combobox";

type CategoryPickerProps = {
  toggleRef: RefObject<HTMLButtonElement | null>;
  /** The catalog's categories; undefined while it loads. */
  catalog: CatalogOption[] | undefined;
  chosen: string[];
  max: number;
  onChange: (slugs: string[], announcement: string) => void;
};

/**
 * The category catalog (a couple of dozen) as checkboxes behind a disclosure button. At the limit the
 * unchecked boxes are disabled, and the legend says why.
 */
export function CategoryPicker({ toggleRef, catalog, chosen, max, onChange }: CategoryPickerProps) {
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const chosenSet = new Set(chosen);
  const isFull = chosen.length >= max;

  return (
    <div className="mt-3">
      <Button
        ref={toggleRef}
        variant="secondary"
        size="sm"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen(!isOpen)}
      >
        {isOpen ? "Done choosing categories" : "Choose categories"}
      </Button>
      <div id={panelId} hidden={!isOpen} className="mt-3">
        {catalog ? (
          <fieldset>
            <legend className="text-sm text-muted-foreground">
              Up to {max} categories{isFull ? ", and this project has them all; uncheck one to pick another." : "."}
            </legend>
            <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2">
              {catalog.map((category) => {
                const isChecked = chosenSet.has(category.slug);
                return (
                  <label
                    key={category.slug}
                    className="flex min-h-9 cursor-pointer items-center gap-2.5 text-sm has-[:disabled]:cursor-not-allowed has-[:disabled]:text-muted-foreground"
                  >
                    <input
                      type="checkbox"
                      checked={isChecked}
                      disabled={!isChecked && isFull}
                      onChange={() =>
                        isChecked
                          ? onChange(
                              chosen.filter((slug) => slug !== category.slug),
                              `Removed the category ${category.name}.`,
                            )
                          : onChange([...chosen, category.slug], `Added the category ${category.name}.`)
                      }
                      className="size-4 shrink-0 accent-brand"
                    />
                    {category.name}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ) : (
          <p className="text-sm text-muted-foreground">Loading the categories…</p>
        )}
      </div>
    </div>
  );
}
