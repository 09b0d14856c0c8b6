/**
 * True for arrays. Deliberately not a type guard: `Array.isArray` narrows a `readonly T[]`
 * parameter to `any[]`, which would silently switch off type checking after a runtime check.
 */
export function isList(v: unknown): boolean {
  return Array.isArray(v);
}
