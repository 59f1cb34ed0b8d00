/**
 * `fields` without the ones whose value is undefined, keys in the order given (replies keep Google's key
 * order). With exactOptionalPropertyTypes an optional property may be left out but not set to undefined;
 * this says so once instead of one `...(x !== undefined ? { key: x } : {})` per field.
 */
export type DefinedFields<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

export function definedFields<const T extends object>(fields: T): DefinedFields<T> {
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) defined[key] = value;
  return defined as DefinedFields<T>;
}
