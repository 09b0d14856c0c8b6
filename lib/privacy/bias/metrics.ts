/**
 * Classification metrics with sklearn's conventions (zero_division -> 0), and fairlearn's
 * group-fairness summaries built on metricFrame.
 */
import { checkArg } from '../../errors.js';
import { metricFrame, type AggregationMethod, type Label } from './metric-frame.js';

const DEFAULT_POS: Label = 1;

function counts(yTrue: readonly Label[], yPred: readonly Label[], pos: Label) {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] === pos, p = yPred[i] === pos;
    if (t && p) tp++;
    else if (!t && p) fp++;
    else if (t && !p) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}
const div = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function accuracy(yTrue: readonly Label[], yPred: readonly Label[]): number {
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++;
  return div(ok, yTrue.length);
}
/** Share of rows predicted positive (fairlearn.metrics.selection_rate). */
export function selectionRate(_yTrue: readonly Label[], yPred: readonly Label[], pos: Label = DEFAULT_POS): number {
  let s = 0;
  for (const p of yPred) if (p === pos) s++;
  return div(s, yPred.length);
}
export function truePositiveRate(yTrue: readonly Label[], yPred: readonly Label[], pos: Label = DEFAULT_POS): number {
  const c = counts(yTrue, yPred, pos);
  return div(c.tp, c.tp + c.fn);
}
export function falsePositiveRate(yTrue: readonly Label[], yPred: readonly Label[], pos: Label = DEFAULT_POS): number {
  const c = counts(yTrue, yPred, pos);
  return div(c.fp, c.fp + c.tn);
}
export function falseNegativeRate(yTrue: readonly Label[], yPred: readonly Label[], pos: Label = DEFAULT_POS): number {
  const c = counts(yTrue, yPred, pos);
  return div(c.fn, c.tp + c.fn);
}
export function trueNegativeRate(yTrue: readonly Label[], yPred: readonly Label[], pos: Label = DEFAULT_POS): number {
  const c = counts(yTrue, yPred, pos);
  return div(c.tn, c.fp + c.tn);
}
export function precision(yTrue: readonly Label[], yPred: readonly Label[], pos: Label = DEFAULT_POS): number {
  const c = counts(yTrue, yPred, pos);
  return div(c.tp, c.tp + c.fp);
}
export function count(yTrue: readonly Label[]): number {
  return yTrue.length;
}

export interface FairnessOptions {
  sensitiveFeatures: readonly Label[] | Record<string, readonly Label[]>;
  method?: AggregationMethod;
  /** Positive label (default 1). */
  posLabel?: Label;
}

function check(yTrue: unknown, yPred: unknown, o: unknown): void {
  checkArg(Array.isArray(yTrue), 'yTrue', 'an array of labels', yTrue);
  checkArg(Array.isArray(yPred), 'yPred', 'an array of labels', yPred);
  checkArg(typeof o === 'object' && o !== null, 'options', 'an options object with sensitiveFeatures', o);
}

/** Max minus min selection rate across groups (fairlearn.metrics.demographic_parity_difference). */
export function demographicParityDifference(yTrue: readonly Label[], yPred: readonly Label[], o: FairnessOptions): number {
  check(yTrue, yPred, o);
  const pos = o.posLabel ?? DEFAULT_POS;
  return metricFrame({ metrics: { sr: (t, p) => selectionRate(t, p, pos) }, yTrue, yPred, sensitiveFeatures: o.sensitiveFeatures }).difference({ method: o.method }).sr!;
}
/** Min over max selection rate across groups (fairlearn.metrics.demographic_parity_ratio). */
export function demographicParityRatio(yTrue: readonly Label[], yPred: readonly Label[], o: FairnessOptions): number {
  check(yTrue, yPred, o);
  const pos = o.posLabel ?? DEFAULT_POS;
  return metricFrame({ metrics: { sr: (t, p) => selectionRate(t, p, pos) }, yTrue, yPred, sensitiveFeatures: o.sensitiveFeatures }).ratio({ method: o.method }).sr!;
}
/** The larger of the TPR and FPR differences (fairlearn.metrics.equalized_odds_difference, agg='worst_case'). */
export function equalizedOddsDifference(yTrue: readonly Label[], yPred: readonly Label[], o: FairnessOptions): number {
  check(yTrue, yPred, o);
  const pos = o.posLabel ?? DEFAULT_POS;
  const d = metricFrame({
    metrics: { tpr: (t, p) => truePositiveRate(t, p, pos), fpr: (t, p) => falsePositiveRate(t, p, pos) },
    yTrue, yPred, sensitiveFeatures: o.sensitiveFeatures,
  }).difference({ method: o.method });
  return Math.max(d.tpr!, d.fpr!);
}
/** The smaller of the TPR and FPR ratios (fairlearn.metrics.equalized_odds_ratio). */
export function equalizedOddsRatio(yTrue: readonly Label[], yPred: readonly Label[], o: FairnessOptions): number {
  check(yTrue, yPred, o);
  const pos = o.posLabel ?? DEFAULT_POS;
  const r = metricFrame({
    metrics: { tpr: (t, p) => truePositiveRate(t, p, pos), fpr: (t, p) => falsePositiveRate(t, p, pos) },
    yTrue, yPred, sensitiveFeatures: o.sensitiveFeatures,
  }).ratio({ method: o.method });
  return Math.min(r.tpr!, r.fpr!);
}

/**
 * The per-group metrics as one object (names like `accuracy` are left unexported at top level
 * so they cannot clash with lib/eval's metrics in the package index).
 */
export const groupMetrics = {
  accuracy, selectionRate, truePositiveRate, falsePositiveRate, falseNegativeRate, trueNegativeRate, precision, count,
} as const;
