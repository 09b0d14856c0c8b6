/**
 * What every run detector reads: the validated history split into series, the smoothing window, the
 * learning-rate scale fixes are expressed against, and what earlier detectors found.
 */
import type { TrainEvent } from '../../model/contracts.js';
import type { DiagnoseRunOptions, RunFinding } from './run-types.js';
import { rollingMedian } from './stats.js';

export interface Series { steps: number[]; values: number[] }

/** Finite values of one field, in step order, before `stopBefore`. */
export function series(events: readonly TrainEvent[], key: keyof TrainEvent, stopBefore = Infinity): Series {
  const steps: number[] = [];
  const values: number[] = [];
  for (const e of events) {
    const v = e[key];
    if (typeof v === 'number' && Number.isFinite(v) && e.step < stopBefore) { steps.push(e.step); values.push(v); }
  }
  return { steps, values };
}

export const cap = (xs: number[]): number[] => xs.slice(0, 20);

/**
 * Indices whose value jumps far above the median of the preceding window. The spread is a rolling
 * median of absolute deviations (a MAD computed incrementally), so long histories stay cheap.
 */
export function spikes(s: Series, w: number, threshold: number, minRatio: number): { i: number; ratio: number; local: number }[] {
  const out: { i: number; ratio: number; local: number }[] = [];
  const rm = rollingMedian(s.values, w);
  const rmad = rollingMedian(s.values.map((v, j) => Math.abs(v - rm[j]!)), w);
  for (let i = w; i < s.values.length; i++) {
    const m = rm[i - 1]!;
    const dev = Math.max(1.4826 * rmad[i - 1]!, 1e-3 * Math.abs(m), 1e-12);
    const v = s.values[i]!;
    if (v > m + threshold * dev && v > minRatio * m && m > 0) out.push({ i, ratio: v / m, local: m });
  }
  return out;
}

export interface RunContext {
  events: TrainEvent[];
  stepEvents: TrainEvent[];
  evalEvents: TrainEvent[];
  options: DiagnoseRunOptions;
  /** Median window in logged steps. */
  w: number;
  maxLr: number | undefined;
  /** `{ lr: maxLr / 10 }` when the run logged its learning rate. */
  lowerLr: { lr?: number };
  /** Step of the first NaN/Inf (Infinity when none): later values are not analysed. */
  firstBad: number;
  badSteps: number[];
  firstBadEvent: TrainEvent | undefined;
  /** Training loss before the first NaN/Inf, and its rolling median. */
  loss: Series;
  smooth: number[];
  /** Index into `loss` where an explosion starts, or -1. */
  explosionIdx: number;
  findings: RunFinding[];
}

export function makeContext(events: TrainEvent[], options: DiagnoseRunOptions): RunContext {
  const stepEvents = events.filter((e) => e.type === 'step');
  const evalEvents = events.filter((e) => e.type === 'eval');
  const w = Math.max(1, Math.round(options.window ?? Math.min(50, Math.max(5, 0.02 * stepEvents.length))));
  const lrAll = series(stepEvents, 'lr');
  const maxLr = lrAll.values.length ? Math.max(...lrAll.values) : undefined;
  let firstBad = Infinity;
  let firstBadEvent: TrainEvent | undefined;
  const badSteps: number[] = [];
  for (const e of events) {
    if ((['loss', 'gradNorm', 'valLoss', 'lr'] as const).some((k) => typeof e[k] === 'number' && !Number.isFinite(e[k]))) {
      badSteps.push(e.step);
      if (e.step < firstBad) { firstBad = e.step; firstBadEvent = e; }
    }
  }
  const loss = series(stepEvents, 'loss', firstBad);
  return {
    events, stepEvents, evalEvents, options, w, maxLr,
    lowerLr: maxLr !== undefined ? { lr: Number((maxLr / 10).toPrecision(2)) } : {},
    firstBad, badSteps, firstBadEvent, loss, smooth: rollingMedian(loss.values, w), explosionIdx: -1, findings: [],
  };
}
