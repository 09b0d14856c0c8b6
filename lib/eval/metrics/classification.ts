/**
 * Classification metrics with scikit-learn's semantics (`accuracy_score`, `precision_score`,
 * `recall_score`, `f1_score`, `fbeta_score`, `confusion_matrix`), so numbers can be compared with
 * papers and notebooks that use it.
 *
 * Labels: numbers, strings or booleans (one kind per call, as sklearn refuses mixes). Unless
 * `labels` is given, the label set is the sorted union of both arrays (sklearn's `unique_labels`).
 *
 * zero_division: a precision with no predicted positives, a recall with no true positives, or an
 * F-score with neither, is undefined. Like sklearn, it becomes `zeroDivision` (0 by default, the value
 * sklearn's default 'warn' also returns) and the label is listed in `undefinedLabels` of the detailed
 * result instead of printing a warning.
 */
import { LmforgeError, checkArg } from '../../errors.js';
import { checkPaired } from './check.js';

export type ClassLabel = number | string | boolean;
type Label = ClassLabel;
export type Average = 'binary' | 'macro' | 'micro' | 'weighted' | null;

export interface ClassificationOptions {
  /** Default 'binary' (as sklearn). `null` returns per-label scores. */
  average?: Average;
  /** The positive class for average 'binary'. Default 1 (or true for boolean labels). */
  posLabel?: Label;
  /** Labels to include, in this order. Default: sorted union of yTrue and yPred. */
  labels?: Label[];
  /** Value for undefined ratios: 0 (default) or 1. */
  zeroDivision?: 0 | 1;
  /** F-beta's beta (for `fbeta`). Default 1. */
  beta?: number;
}

export interface PrecisionRecallF {
  precision: number | number[];
  recall: number | number[];
  fscore: number | number[];
  /** True count per label (only when average is null), else the total. */
  support: number | number[];
  /** Labels the per-label numbers refer to. */
  labels: Label[];
  /** Labels whose precision, recall or F-score was undefined and replaced by zeroDivision. */
  undefinedLabels: { precision: Label[]; recall: Label[]; fscore: Label[] };
}

function labelKind(v: unknown): string {
  return typeof v === 'number' ? (Number.isFinite(v) ? 'number' : 'bad') : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'bad';
}

function checkLabels(yTrue: unknown, yPred: unknown): { yt: Label[]; yp: Label[]; kind: string } {
  checkPaired(yPred, yTrue, 'yPred');
  const yt = yTrue as unknown[];
  const yp = yPred as unknown[];
  let kind: string | null = null;
  for (const [name, arr] of [['yTrue', yt], ['yPred', yp]] as const) {
    for (let i = 0; i < arr.length; i++) {
      const k = labelKind(arr[i]);
      if (k === 'bad') checkArg(false, `${name}[${i}]`, 'a finite number, a string or a boolean', arr[i]);
      if (kind === null) kind = k;
      else if (k !== kind) {
        throw new LmforgeError('EVAL_MIXED_LABELS', `${name}[${i}] is a ${k} but earlier labels are ${kind}s; use one label type`);
      }
    }
  }
  return { yt: yt as Label[], yp: yp as Label[], kind: kind! };
}

/** Python's ordering: numbers numerically, strings by code point, false < true. */
function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const ca = Array.from(a, (ch) => ch.codePointAt(0)!);
    const cb = Array.from(b, (ch) => ch.codePointAt(0)!);
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
    return ca.length - cb.length;
  }
  return Number(a) - Number(b);
}

function uniqueSorted(...arrays: Label[][]): Label[] {
  const set = new Set<Label>();
  for (const a of arrays) for (const v of a) set.add(v);
  return [...set].sort(compareLabels);
}

/** Fraction of exact label matches (sklearn `accuracy_score`); `normalize: false` gives the count. */
export function accuracy(yTrue: Label[], yPred: Label[], options: { normalize?: boolean } = {}): number {
  const { yt, yp } = checkLabels(yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yt.length; i++) if (yt[i] === yp[i]) hits++;
  return options.normalize === false ? hits : hits / yt.length;
}

export interface ConfusionMatrix {
  /** Row/column order. */
  labels: Label[];
  /** matrix[i][j]: items whose true label is labels[i] and predicted label is labels[j] (sklearn's layout). */
  matrix: number[][];
}

export function confusionMatrix(yTrue: Label[], yPred: Label[], options: { labels?: Label[] } = {}): ConfusionMatrix {
  const { yt, yp } = checkLabels(yTrue, yPred);
  const labels = options.labels ?? uniqueSorted(yt, yp);
  checkArg(Array.isArray(labels) && labels.length > 0, 'options.labels', 'a non-empty array', labels);
  const index = new Map<Label, number>(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < yt.length; i++) {
    const r = index.get(yt[i]!);
    const c = index.get(yp[i]!);
    // Like sklearn, pairs with a label outside `labels` are left out.
    if (r !== undefined && c !== undefined) matrix[r]![c]!++;
  }
  return { labels, matrix };
}

/** The whole computation behind precision/recall/f1 (sklearn `precision_recall_fscore_support`). */
export function precisionRecallFscore(yTrue: Label[], yPred: Label[], options: ClassificationOptions = {}): PrecisionRecallF {
  const { yt, yp, kind } = checkLabels(yTrue, yPred);
  const average = options.average === undefined ? 'binary' : options.average;
  if (![null, 'binary', 'macro', 'micro', 'weighted'].includes(average)) {
    throw new LmforgeError('EVAL_BAD_OPTION', `options.average must be 'binary', 'macro', 'micro', 'weighted' or null, got "${String(average)}"`);
  }
  const zd = options.zeroDivision ?? 0;
  checkArg(zd === 0 || zd === 1, 'options.zeroDivision', '0 or 1', zd);
  const beta = options.beta ?? 1;
  checkArg(Number.isFinite(beta) && beta >= 0, 'options.beta', 'a finite number >= 0', beta);
  const present = uniqueSorted(yt, yp);
  let labels: Label[];
  if (average === 'binary') {
    const pos = options.posLabel ?? (kind === 'boolean' ? true : 1);
    if (present.length > 2) {
      throw new LmforgeError('EVAL_NOT_BINARY', `labels have ${present.length} classes (${present.slice(0, 5).join(', ')}...) but options.average is 'binary'; choose 'macro', 'micro', 'weighted' or null`);
    }
    if (!present.includes(pos) && present.length >= 2) {
      throw new LmforgeError('EVAL_BAD_OPTION', `options.posLabel ${String(pos)} is not one of the labels (${present.join(', ')})`);
    }
    labels = [pos];
  } else {
    labels = options.labels ?? present;
  }
  const index = new Map<Label, number>(labels.map((l, i) => [l, i]));
  const tp = new Array<number>(labels.length).fill(0);
  const predSum = new Array<number>(labels.length).fill(0);
  const trueSum = new Array<number>(labels.length).fill(0);
  for (let i = 0; i < yt.length; i++) {
    const t = index.get(yt[i]!);
    const p = index.get(yp[i]!);
    if (t !== undefined) trueSum[t]!++;
    if (p !== undefined) predSum[p]!++;
    if (t !== undefined && t === p) tp[t]!++;
  }
  const b2 = beta * beta;
  const undef = { precision: [] as Label[], recall: [] as Label[], fscore: [] as Label[] };
  const ratio = (num: number, den: number, lab: Label | null, which: 'precision' | 'recall' | 'fscore'): number => {
    if (den === 0) { if (lab !== null) undef[which].push(lab); return zd; }
    return num / den;
  };
  const scoreOf = (tpv: number, pred: number, tru: number, lab: Label | null): [number, number, number] => [
    ratio(tpv, pred, lab, 'precision'),
    ratio(tpv, tru, lab, 'recall'),
    // (1+b^2)tp / ((1+b^2)tp + b^2 fn + fp): equals the harmonic form when defined, and is undefined
    // exactly when there are no true and no predicted positives (sklearn's zero_division case).
    ratio((1 + b2) * tpv, (1 + b2) * tpv + b2 * (tru - tpv) + (pred - tpv), lab, 'fscore'),
  ];
  if (average === 'micro') {
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
    const [p, r, f] = scoreOf(sum(tp), sum(predSum), sum(trueSum), null);
    return { precision: p, recall: r, fscore: f, support: sum(trueSum), labels, undefinedLabels: undef };
  }
  const per = labels.map((lab, i) => scoreOf(tp[i]!, predSum[i]!, trueSum[i]!, lab));
  const ps = per.map((x) => x[0]);
  const rs = per.map((x) => x[1]);
  const fs = per.map((x) => x[2]);
  if (average === null) return { precision: ps, recall: rs, fscore: fs, support: trueSum, labels, undefinedLabels: undef };
  const totalSupport = trueSum.reduce((x, y) => x + y, 0);
  let weights: number[];
  if (average === 'weighted') {
    if (totalSupport === 0) {
      // sklearn: no true samples of the chosen labels; every weighted score is zero_division (precision
      // only when nothing was predicted either).
      const noPred = predSum.every((v) => v === 0);
      return { precision: noPred ? zd : 0, recall: zd, fscore: noPred ? zd : 0, support: 0, labels, undefinedLabels: undef };
    }
    weights = trueSum.map((v) => v / totalSupport);
  } else {
    weights = labels.map(() => 1 / labels.length);
  }
  const avg = (a: number[]): number => a.reduce((acc, v, i) => acc + v * weights[i]!, 0);
  return { precision: avg(ps), recall: avg(rs), fscore: avg(fs), support: totalSupport, labels, undefinedLabels: undef };
}

/** Options whose `average` is null: the metric returns one number per label. */
export type PerLabelOptions = ClassificationOptions & { average: null };

export function precision(yTrue: Label[], yPred: Label[], options: PerLabelOptions): number[];
export function precision(yTrue: Label[], yPred: Label[], options?: ClassificationOptions): number;
export function precision(yTrue: Label[], yPred: Label[], options: ClassificationOptions = {}): number | number[] {
  return precisionRecallFscore(yTrue, yPred, options).precision;
}

export function recall(yTrue: Label[], yPred: Label[], options: PerLabelOptions): number[];
export function recall(yTrue: Label[], yPred: Label[], options?: ClassificationOptions): number;
export function recall(yTrue: Label[], yPred: Label[], options: ClassificationOptions = {}): number | number[] {
  return precisionRecallFscore(yTrue, yPred, options).recall;
}

export function f1(yTrue: Label[], yPred: Label[], options: Omit<PerLabelOptions, 'beta'>): number[];
export function f1(yTrue: Label[], yPred: Label[], options?: Omit<ClassificationOptions, 'beta'>): number;
export function f1(yTrue: Label[], yPred: Label[], options: Omit<ClassificationOptions, 'beta'> = {}): number | number[] {
  return precisionRecallFscore(yTrue, yPred, { ...options, beta: 1 }).fscore;
}

export function fbeta(yTrue: Label[], yPred: Label[], beta: number, options: Omit<PerLabelOptions, 'beta'>): number[];
export function fbeta(yTrue: Label[], yPred: Label[], beta: number, options?: Omit<ClassificationOptions, 'beta'>): number;
export function fbeta(yTrue: Label[], yPred: Label[], beta: number, options: Omit<ClassificationOptions, 'beta'> = {}): number | number[] {
  return precisionRecallFscore(yTrue, yPred, { ...options, beta }).fscore;
}
