import { checkArg, LmforgeError } from '../errors.js';
import type { Span } from './types.js';
import { isList } from './guards.js';

export interface SpanF1Options {
  /**
   * 'exact': same start, end and label. 'overlap': same label and the character ranges intersect
   * (each span matched at most once, so one long span cannot count as several hits).
   */
  match?: 'exact' | 'overlap';
  /** Compare labels too (default true); false compares boundaries only. */
  labels?: boolean;
}

export interface SpanF1Result {
  precision: number;
  recall: number;
  f1: number;
  /** Spans of `b` matched to a span of `a`. */
  truePositives: number;
  /** Spans of `b` without a match. */
  falsePositives: number;
  /** Spans of `a` without a match. */
  falseNegatives: number;
}

function checkSpans(spans: readonly Span[], name: string): void {
  spans.forEach((s, i) => {
    if (s === null || typeof s !== 'object' || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || typeof s.label !== 'string') {
      throw new LmforgeError('E_SHAPE', `spanF1: ${name}[${i}] must be { start, end, label } with integers 0 <= start <= end, got ${JSON.stringify(s)}`);
    }
  });
}

function matchItem(a: readonly Span[], b: readonly Span[], exact: boolean, useLabels: boolean): number {
  const used = new Uint8Array(a.length);
  let tp = 0;
  // Candidate pairs, best first (largest overlap), so the one-to-one matching is deterministic.
  const pairs: [number, number, number][] = [];
  b.forEach((y, j) => {
    a.forEach((x, i) => {
      if (useLabels && x.label !== y.label) return;
      if (exact) {
        if (x.start === y.start && x.end === y.end) pairs.push([x.end - x.start + 1, i, j]);
      } else {
        const ov = Math.min(x.end, y.end) - Math.max(x.start, y.start);
        if (ov > 0) pairs.push([ov, i, j]);
      }
    });
  });
  pairs.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  const usedB = new Uint8Array(b.length);
  for (const [, i, j] of pairs) {
    if (used[i] || usedB[j]) continue;
    used[i] = 1;
    usedB[j] = 1;
    tp++;
  }
  return tp;
}

/**
 * Span-level agreement between annotators (or predictions vs gold) for NER: `a` is the reference,
 * `b` the other side; F1 is symmetric, precision and recall swap with the arguments. Pass one item
 * as `Span[]` or several as `Span[][]` (micro-averaged: matches are counted per item, then summed).
 * Two empty sides agree perfectly (F1 = 1).
 */
export function spanF1(a: readonly Span[] | readonly (readonly Span[])[], b: readonly Span[] | readonly (readonly Span[])[], options: SpanF1Options = {}): SpanF1Result {
  checkArg(isList(a), 'spanF1: a', 'an array of spans (or of items of spans)', a);
  checkArg(isList(b), 'spanF1: b', 'an array of spans (or of items of spans)', b);
  const nested = Array.isArray(a[0]) || Array.isArray(b[0]);
  const itemsA = (nested ? a : [a]) as readonly (readonly Span[])[];
  const itemsB = (nested ? b : [b]) as readonly (readonly Span[])[];
  if (itemsA.length !== itemsB.length) throw new LmforgeError('E_SHAPE', `spanF1: a has ${itemsA.length} items but b has ${itemsB.length}`);
  const exact = (options.match ?? 'exact') === 'exact';
  if (options.match !== undefined && options.match !== 'exact' && options.match !== 'overlap') {
    throw new LmforgeError('E_OPTION', `spanF1: options.match must be 'exact' or 'overlap', got ${String(options.match)}`);
  }
  let tp = 0;
  let na = 0;
  let nb = 0;
  itemsA.forEach((sa, i) => {
    const sb = itemsB[i]!;
    checkArg(isList(sa), `spanF1: a[${i}]`, 'an array of spans', sa);
    checkArg(isList(sb), `spanF1: b[${i}]`, 'an array of spans', sb);
    checkSpans(sa, nested ? `a[${i}]` : 'a');
    checkSpans(sb, nested ? `b[${i}]` : 'b');
    tp += matchItem(sa, sb, exact, options.labels !== false);
    na += sa.length;
    nb += sb.length;
  });
  const precision = nb === 0 ? (na === 0 ? 1 : 0) : tp / nb;
  const recall = na === 0 ? (nb === 0 ? 1 : 0) : tp / na;
  const f1 = na + nb === 0 ? 1 : (2 * tp) / (na + nb);
  return { precision, recall, f1, truePositives: tp, falsePositives: nb - tp, falseNegatives: na - tp };
}
