import { LmforgeError, checkArg } from '../../errors.js';

/** Validates that `predictions` and `references` are arrays of the same, non-zero length. */
export function checkPaired(predictions: unknown, references: unknown, what = 'predictions'): void {
  checkArg(Array.isArray(predictions), what, 'an array', predictions);
  checkArg(Array.isArray(references), 'references', 'an array', references);
  if (predictions.length !== references.length) {
    throw new LmforgeError(
      'EVAL_LENGTH_MISMATCH',
      `${what} has ${predictions.length} items but references has ${references.length}; they must be paired one to one`,
    );
  }
  if (predictions.length === 0) {
    throw new LmforgeError('EVAL_EMPTY', `${what} and references are empty; a metric needs at least one pair`);
  }
}

/** Checks that every item is a string, naming the first offender. */
export function checkStrings(items: readonly unknown[], name: string): asserts items is string[] {
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string') checkArg(false, `${name}[${i}]`, 'a string', items[i]);
  }
}

/** References given per item as one string or a list of alternatives; returns the list form. */
export function referenceLists(references: readonly unknown[], name = 'references'): string[][] {
  return references.map((r, i) => {
    if (typeof r === 'string') return [r];
    if (Array.isArray(r) && r.length > 0 && r.every((x) => typeof x === 'string')) return r as string[];
    throw new TypeError(`${name}[${i}] must be a string or a non-empty array of strings`);
  });
}
