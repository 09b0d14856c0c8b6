import { LmforgeError } from '../errors.js';

/** A record field named by a string (`id`, `text`, a top-level field, or `meta.x` / a bare meta key) or computed. */
export type FieldSelector<T> = string | ((record: T) => string);

/**
 * Reads a field as a string key. A name is looked up on the record first, then under `record.meta`
 * (so `'patient'` finds `meta.patient`); dotted paths (`meta.thread.id`) walk objects.
 * Returns undefined when the field is absent or not a string/finite number, so callers can say
 * which record and field were missing instead of hashing "undefined".
 */
export function readField<T>(record: T, field: FieldSelector<T>): string | undefined {
  if (typeof field === 'function') {
    const v = field(record);
    return typeof v === 'string' ? v : undefined;
  }
  const asObj = record as unknown as Record<string, unknown>;
  let v: unknown = walk(asObj, field);
  if (v === undefined && asObj !== null && typeof asObj === 'object') {
    const meta = asObj['meta'];
    if (meta !== null && typeof meta === 'object') v = walk(meta as Record<string, unknown>, field);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function walk(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Like {@link readField} but throws an error naming the record (index and id) and the field. */
export function requireField<T>(record: T, field: FieldSelector<T>, index: number, where: string): string {
  const v = readField(record, field);
  if (v === undefined) {
    const id = readField(record, 'id');
    const name = typeof field === 'function' ? 'key function result' : `field '${field}'`;
    throw new LmforgeError(
      'E_MISSING_FIELD',
      `${where}: record #${index}${id !== undefined ? ` (id ${id})` : ''} has no ${name} (expected a string or number)`,
    );
  }
  return v;
}
