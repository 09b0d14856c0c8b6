import { checkArg, LmforgeError } from '../errors.js';
import { isList } from './guards.js';

/** A categorical rating; `null`/`undefined` mean "not rated". */
export type Rating = string | number | null | undefined;

export interface CohenKappaOptions {
  /** Disagreement weights by label distance, as scikit-learn's `weights` (default unweighted). */
  weights?: 'linear' | 'quadratic';
  /**
   * Label order (needed for weights) and the labels to count: pairs with a label outside the list
   * are ignored, as scikit-learn's `labels`. Default: the sorted union of labels seen.
   */
  labels?: readonly (string | number)[];
}

/** Sorted unique labels: numbers numerically, strings by code point, numbers before strings. */
export function sortedLabels(values: Iterable<string | number>): (string | number)[] {
  const set = new Set<string | number>(values);
  return [...set].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * Cohen's kappa between two annotators, computed as scikit-learn's `cohen_kappa_score`:
 * `1 - sum(W * O) / sum(W * E)` with O the confusion matrix, E the outer product of its marginals
 * divided by the total, and W 0/1 (unweighted), |i - j| (linear) or (i - j)^2 (quadratic).
 * Items where either rating is missing are left out (scikit-learn has no missing values).
 * Returns NaN when chance disagreement is zero (e.g. both annotators always give one label).
 */
export function cohenKappa(a: readonly Rating[], b: readonly Rating[], options: CohenKappaOptions = {}): number {
  checkArg(isList(a), 'cohenKappa: a', 'an array of ratings', a);
  checkArg(isList(b), 'cohenKappa: b', 'an array of ratings', b);
  if (a.length !== b.length) throw new LmforgeError('E_SHAPE', `cohenKappa: a has ${a.length} ratings but b has ${b.length}; they must rate the same items`);
  if (options.weights !== undefined && options.weights !== 'linear' && options.weights !== 'quadratic') {
    throw new LmforgeError('E_OPTION', `cohenKappa: options.weights must be 'linear' or 'quadratic', got ${String(options.weights)}`);
  }
  const pairs: [string | number, string | number][] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    pairs.push([x, y]);
  }
  const labels = options.labels ? [...options.labels] : sortedLabels(pairs.flat());
  const pos = new Map<string | number, number>();
  labels.forEach((l, i) => pos.set(l, i));
  const k = labels.length;
  const O = Array.from({ length: k }, () => new Float64Array(k));
  let total = 0;
  for (const [x, y] of pairs) {
    const i = pos.get(x);
    const j = pos.get(y);
    if (i === undefined || j === undefined) continue;
    O[i]![j]!++;
    total++;
  }
  if (total === 0) return NaN;
  const rowSum = O.map((r) => r.reduce((s, v) => s + v, 0));
  const colSum = labels.map((_, j) => O.reduce((s, r) => s + r[j]!, 0));
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = options.weights === 'linear' ? Math.abs(i - j) : options.weights === 'quadratic' ? (i - j) ** 2 : i === j ? 0 : 1;
      num += w * O[i]![j]!;
      den += (w * rowSum[i]! * colSum[j]!) / total;
    }
  }
  return den === 0 ? NaN : 1 - num / den;
}

/**
 * Counts table (subjects × categories) from raw ratings (subjects × raters), as statsmodels'
 * `aggregate_raters`. Missing ratings are skipped; categories come out sorted.
 */
export function ratingsToTable(ratings: readonly (readonly Rating[])[]): { table: number[][]; categories: (string | number)[] } {
  checkArg(isList(ratings), 'ratingsToTable: ratings', 'an array (subjects) of arrays (raters)', ratings);
  const all: (string | number)[] = [];
  ratings.forEach((row, i) => {
    if (!Array.isArray(row)) throw new LmforgeError('E_SHAPE', `ratingsToTable: ratings[${i}] must be an array of ratings`);
    for (const v of row) if (v !== null && v !== undefined) all.push(v);
  });
  const categories = sortedLabels(all);
  const pos = new Map(categories.map((c, i) => [c, i] as const));
  const table = ratings.map((row) => {
    const counts = new Array<number>(categories.length).fill(0);
    for (const v of row) if (v !== null && v !== undefined) counts[pos.get(v)!]!++;
    return counts;
  });
  return { table, categories };
}

/**
 * Fleiss' kappa from a subjects × categories table of counts, as statsmodels' `fleiss_kappa`
 * (method 'fleiss'). Every subject must have the same number of ratings; for unequal or missing
 * ratings use Krippendorff's alpha instead.
 */
export function fleissKappa(table: readonly (readonly number[])[]): number {
  checkArg(isList(table) && table.length > 0, 'fleissKappa: table', 'a non-empty array of rows (subjects × categories counts)', table);
  const k = table[0]!.length;
  let n = -1;
  table.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) throw new LmforgeError('E_SHAPE', `fleissKappa: table[${i}] has ${Array.isArray(row) ? row.length : 'no'} columns, expected ${k}`);
    let s = 0;
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0) throw new LmforgeError('E_SHAPE', `fleissKappa: table[${i}] holds ${v}; counts must be non-negative integers`);
      s += v;
    }
    if (n === -1) n = s;
    else if (s !== n) {
      throw new LmforgeError('E_SHAPE', `fleissKappa: subject ${i} has ${s} ratings but subject 0 has ${n}; Fleiss' kappa needs equal ratings per subject (use krippendorffAlpha for missing ratings)`);
    }
  });
  if (n < 2) throw new LmforgeError('E_SHAPE', `fleissKappa: each subject needs at least 2 ratings, got ${n}`);
  const N = table.length;
  const p = new Array<number>(k).fill(0);
  let pBar = 0;
  for (const row of table) {
    let sq = 0;
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      p[j]! += v;
      sq += v * v;
    }
    pBar += (sq - n) / (n * (n - 1));
  }
  pBar /= N;
  const pe = p.reduce((s, v) => s + (v / (N * n)) ** 2, 0);
  return pe === 1 ? NaN : (pBar - pe) / (1 - pe);
}
