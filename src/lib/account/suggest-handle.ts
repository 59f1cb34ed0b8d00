import { HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH, handleProblem } from "./account.schema";

/** How many numbered variants ("ana-lee-2" … "ana-lee-9") get-account.ts checks in its one query. */
export const HANDLE_VARIANTS = 8;

/**
 * A handle made from a name ("Ana Lee" → "ana-lee"): accents folded, anything else between letters and
 * digits becomes one hyphen. Null when too little of the name survives (a name in another script).
 */
export function handleFromText(text: string): string | null {
  const base = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, HANDLE_MAX_LENGTH)
    .replace(/-+$/g, "");
  return base.length >= HANDLE_MIN_LENGTH ? base : null;
}

/**
 * Handles to offer, best first: from the name, else from the e-mail's local part, else "creator", then
 * numbered variants that still fit the length limit. Reserved and malformed ones are left out.
 */
export function handleCandidates({ name, email }: { name: string; email: string }): string[] {
  const base = handleFromText(name) ?? handleFromText(email.split("@")[0] ?? "") ?? "creator";
  const variants = Array.from({ length: HANDLE_VARIANTS }, (_, index) => {
    const suffix = `-${index + 2}`;
    return `${base.slice(0, HANDLE_MAX_LENGTH - suffix.length).replace(/-+$/g, "")}${suffix}`;
  });
  return [base, ...variants].filter((handle) => handleProblem(handle) === null);
}
