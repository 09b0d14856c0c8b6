/**
 * MetricFrame with fairlearn's semantics (fairlearn.metrics.MetricFrame): metrics computed on the
 * whole data (`overall`) and per group of the sensitive feature(s) (`byGroup`), with
 * `difference()` / `ratio()` between groups or to overall, `groupMin()` / `groupMax()`.
 * Several sensitive features form intersectional groups, keyed "a,b" in feature order.
 */
import { checkArg, LmforgeError } from '../../errors.js';

export type Label = number | string | boolean;
export type MetricFn = (yTrue: readonly Label[], yPred: readonly Label[]) => number;

export interface MetricFrameOptions {
  /** One metric function, or named metrics. */
  metrics: MetricFn | Record<string, MetricFn>;
  yTrue: readonly Label[];
  yPred: readonly Label[];
  /** One feature (array) or several named features (intersections become groups). */
  sensitiveFeatures: readonly Label[] | Record<string, readonly Label[]>;
}

export type AggregationMethod = 'between_groups' | 'to_overall';

export interface MetricFrame {
  /** Metric name -> value on all rows. A single unnamed metric is called "metric". */
  readonly overall: Record<string, number>;
  /** Group key -> metric name -> value. */
  readonly byGroup: Record<string, Record<string, number>>;
  /** Number of rows per group. */
  readonly groupSizes: Record<string, number>;
  groupMin(): Record<string, number>;
  groupMax(): Record<string, number>;
  /** between_groups: max - min; to_overall: max |group - overall|. */
  difference(options?: { method?: AggregationMethod }): Record<string, number>;
  /** between_groups: min / max; to_overall: min over groups of min(g/overall, overall/g). */
  ratio(options?: { method?: AggregationMethod }): Record<string, number>;
}

function checkLabels(name: string, v: unknown): asserts v is readonly Label[] {
  checkArg(Array.isArray(v), name, 'an array of labels', v);
}

export function metricFrame(options: MetricFrameOptions): MetricFrame {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an options object', options);
  const { yTrue, yPred, sensitiveFeatures } = options;
  checkLabels('options.yTrue', yTrue);
  checkLabels('options.yPred', yPred);
  if (yTrue.length !== yPred.length) {
    throw new LmforgeError('BIAS_LENGTH_MISMATCH', `options.yTrue has ${yTrue.length} rows but options.yPred has ${yPred.length}`);
  }
  const metrics: Record<string, MetricFn> = typeof options.metrics === 'function' ? { metric: options.metrics } : options.metrics;
  checkArg(typeof metrics === 'object' && metrics !== null && Object.keys(metrics).length > 0, 'options.metrics', 'a function or a non-empty record of functions', options.metrics);
  for (const [k, f] of Object.entries(metrics)) checkArg(typeof f === 'function', `options.metrics.${k}`, 'a function', f);

  const features: Array<readonly Label[]> = Array.isArray(sensitiveFeatures)
    ? [sensitiveFeatures as readonly Label[]]
    : Object.values(sensitiveFeatures as Record<string, readonly Label[]>);
  checkArg(features.length > 0, 'options.sensitiveFeatures', 'an array or a non-empty record of arrays', sensitiveFeatures);
  for (const [k, f] of features.entries()) {
    checkLabels(`options.sensitiveFeatures[${k}]`, f);
    if (f.length !== yTrue.length) {
      throw new LmforgeError('BIAS_LENGTH_MISMATCH', `options.sensitiveFeatures[${k}] has ${f.length} rows but options.yTrue has ${yTrue.length}`);
    }
  }
  const rows = new Map<string, number[]>();
  for (let i = 0; i < yTrue.length; i++) {
    const key = features.map((f) => String(f[i])).join(',');
    let list = rows.get(key);
    if (list === undefined) rows.set(key, (list = []));
    list.push(i);
  }
  // fairlearn sorts groups; keep a stable, sorted order so reports diff cleanly.
  const keys = [...rows.keys()].sort();
  const overall: Record<string, number> = {};
  for (const [name, f] of Object.entries(metrics)) overall[name] = f(yTrue, yPred);
  const byGroup: Record<string, Record<string, number>> = {};
  const groupSizes: Record<string, number> = {};
  for (const key of keys) {
    const idx = rows.get(key)!;
    const t = idx.map((i) => yTrue[i]!);
    const p = idx.map((i) => yPred[i]!);
    byGroup[key] = {};
    groupSizes[key] = idx.length;
    for (const [name, f] of Object.entries(metrics)) byGroup[key]![name] = f(t, p);
  }
  const perMetric = (fn: (values: number[], overall: number) => number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const name of Object.keys(metrics)) out[name] = fn(keys.map((k) => byGroup[k]![name]!), overall[name]!);
    return out;
  };
  const method = (o?: { method?: AggregationMethod }): AggregationMethod => {
    const m = o?.method ?? 'between_groups';
    if (m !== 'between_groups' && m !== 'to_overall') {
      throw new LmforgeError('BIAS_BAD_METHOD', `method must be 'between_groups' or 'to_overall', got ${JSON.stringify(m)}`);
    }
    return m;
  };
  return {
    overall,
    byGroup,
    groupSizes,
    groupMin: () => perMetric((v) => Math.min(...v)),
    groupMax: () => perMetric((v) => Math.max(...v)),
    difference: (o) =>
      method(o) === 'between_groups'
        ? perMetric((v) => Math.max(...v) - Math.min(...v))
        : perMetric((v, all) => Math.max(...v.map((x) => Math.abs(x - all)))),
    ratio: (o) =>
      method(o) === 'between_groups'
        ? perMetric((v) => safeRatio(Math.min(...v), Math.max(...v)))
        : perMetric((v, all) => Math.min(...v.map((x) => Math.min(safeRatio(x, all), safeRatio(all, x))))),
  };
}

/** As fairlearn (numpy division): 0/0 is NaN, x/0 is Infinity. */
function safeRatio(a: number, b: number): number {
  return a / b;
}
