/**
 * Google's partial-response parameter, `fields=`: a comma-separated list of paths (`items`,
 * `items/snippet/title`), each optionally followed by a sub-selection in parentheses
 * (`items(id,snippet(title,thumbnails/high))`). Only what is named is returned: with `fields=items`
 * the envelope (kind, etag, pageInfo, nextPageToken) is dropped. Keys keep the reply's order; arrays
 * apply the selection to each element; a named key the reply lacks is simply absent.
 */

/** Field name → everything under it (`true`) or a narrower selection. */
export type FieldSelection = Map<string, FieldSelection | true>;

export class FieldSelectionError extends Error {}

const NAME = /^[A-Za-z0-9_*$@.-]+/;

/** Parses a `fields` value; throws FieldSelectionError on anything Google would refuse to parse. */
export function parseFieldSelection(text: string): FieldSelection {
  let position = 0;

  const fail = (): never => {
    throw new FieldSelectionError(`Invalid field selection ${text}`);
  };

  function parseList(): FieldSelection {
    const selection: FieldSelection = new Map();
    for (;;) {
      parseItem(selection);
      if (text[position] !== ",") return selection;
      position += 1;
    }
  }

  function parseName(): string {
    const match = NAME.exec(text.slice(position));
    if (!match) return fail();
    position += match[0].length;
    return match[0];
  }

  function parseItem(into: FieldSelection): void {
    const path = [parseName()];
    while (text[position] === "/") {
      position += 1;
      path.push(parseName());
    }
    let leaf: FieldSelection | true = true;
    if (text[position] === "(") {
      position += 1;
      leaf = parseList();
      if (text[position] !== ")") fail();
      position += 1;
    }
    let target = into;
    for (const [index, name] of path.entries()) {
      const isLast = index === path.length - 1;
      const existing = target.get(name);
      if (existing === true) return;
      if (isLast) {
        target.set(name, leaf === true || existing === undefined ? leaf : mergeSelections(existing, leaf));
        return;
      }
      const next: FieldSelection = existing ?? new Map();
      target.set(name, next);
      target = next;
    }
  }

  const selection = parseList();
  if (position !== text.length) fail();
  return selection;
}

function mergeSelections(into: FieldSelection, from: FieldSelection): FieldSelection {
  for (const [name, child] of from) {
    const existing = into.get(name);
    if (existing === undefined || child === true) into.set(name, child);
    else if (existing !== true) into.set(name, mergeSelections(existing, child));
  }
  return into;
}

/** The parts of `value` the selection names. */
export function selectFields(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((item) => selectFields(item, selection));
  if (typeof value !== "object" || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const wanted = selection.get(key) ?? selection.get("*");
    if (wanted === undefined) continue;
    result[key] = wanted === true ? child : selectFields(child, wanted);
  }
  return result;
}
