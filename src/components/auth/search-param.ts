/** A page's `searchParams` value as one string (the first, when a key repeats), or null. */
export function firstSearchParam(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
