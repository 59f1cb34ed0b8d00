/**
 * Joins class names, skipping falsy entries. No tailwind-merge here (we add no packages), so a
 * `className` passed to a primitive should add layout (margin, width, grid placement), not restyle
 * what its variant already sets: two utilities for one property would be resolved by stylesheet
 * order, not by the order written.
 */
export function cx(...classNames: (string | false | null | undefined)[]): string {
  return classNames.filter(Boolean).join(" ");
}
