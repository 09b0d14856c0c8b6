import { checkArg, LmforgeError } from '../errors.js';
import { sortedLabels, type Rating } from './kappa.js';
import { isList } from './guards.js';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface KrippendorffOptions {
  /** Level of measurement, which picks the difference function (default 'nominal'). */
  level?: MeasurementLevel;
  /**
   * Ordered value domain. Required for ordinal data given as strings ('low' < 'mid' < 'high');
   * values outside it are an error. Default: the sorted values present.
   */
  domain?: readonly (string | number)[];
}

/**
 * Krippendorff's alpha for reliability data given as coders × units (`data[c][u]` is coder c's
 * value for unit u; `null`/`undefined` = the coder did not code that unit). Missing values are
 * missing data, not disagreement: only units with two or more values are pairable, and each
 * contributes its pairs weighted by 1/(m_u - 1), as in Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability". alpha = 1 - D_o / D_e over the coincidence matrix.
 */
export function krippendorffAlpha(data: readonly (readonly Rating[])[], options: KrippendorffOptions = {}): number {
  const where = 'krippendorffAlpha';
  checkArg(isList(data) && data.length > 0, `${where}: data`, 'a non-empty array of coders, each an array of values per unit', data);
  const level = options.level ?? 'nominal';
  if (!['nominal', 'ordinal', 'interval', 'ratio'].includes(level)) {
    throw new LmforgeError('E_OPTION', `${where}: options.level must be nominal, ordinal, interval or ratio, got ${String(level)}`);
  }
  const units = Math.max(...data.map((row, c) => {
    if (!Array.isArray(row)) throw new LmforgeError('E_SHAPE', `${where}: data[${c}] must be an array (one value per unit)`);
    return row.length;
  }));
  const present: (string | number)[] = [];
  for (const row of data) for (const v of row) if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) present.push(v);
  const domain = options.domain ? [...options.domain] : sortedLabels(present);
  if ((level === 'interval' || level === 'ratio' || (level === 'ordinal' && !options.domain)) && present.some((v) => typeof v !== 'number')) {
    throw new LmforgeError('E_OPTION', `${where}: ${level} data must be numbers${level === 'ordinal' ? ' (or pass options.domain to order string values)' : ''}`);
  }
  const index = new Map(domain.map((v, i) => [v, i] as const));
  const V = domain.length;
  const o = Array.from({ length: V }, () => new Float64Array(V));
  let pairable = 0;
  for (let u = 0; u < units; u++) {
    const vals: number[] = [];
    for (let c = 0; c < data.length; c++) {
      const v = data[c]![u];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      const i = index.get(v);
      if (i === undefined) throw new LmforgeError('E_SHAPE', `${where}: data[${c}][${u}] = ${JSON.stringify(v)} is not in options.domain`);
      vals.push(i);
    }
    const m = vals.length;
    if (m < 2) continue;
    pairable++;
    for (let x = 0; x < m; x++) for (let y = 0; y < m; y++) if (x !== y) o[vals[x]!]![vals[y]!]! += 1 / (m - 1);
  }
  if (pairable === 0) throw new LmforgeError('E_SHAPE', `${where}: no unit has values from two or more coders, so agreement is undefined`);
  const nc = o.map((row) => row.reduce((s, v) => s + v, 0));
  const n = nc.reduce((s, v) => s + v, 0);
  const delta = differenceFunction(level, domain, nc);
  let Do = 0;
  let De = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const d = delta(c, k);
      Do += o[c]![k]! * d;
      De += nc[c]! * nc[k]! * d;
    }
  }
  if (De === 0) return Do === 0 ? 1 : NaN;
  return 1 - ((n - 1) * Do) / De;
}

function differenceFunction(level: MeasurementLevel, domain: readonly (string | number)[], nc: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => ((domain[c] as number) - (domain[k] as number)) ** 2;
    case 'ratio':
      return (c, k) => {
        const a = domain[c] as number;
        const b = domain[k] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
    case 'ordinal': {
      // (sum of n_g for g from c to k) - (n_c + n_k)/2, squared; ranks come from the domain order.
      const cum = [0];
      for (const v of nc) cum.push(cum[cum.length - 1]! + v);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        return (cum[hi + 1]! - cum[lo]! - (nc[lo]! + nc[hi]!) / 2) ** 2;
      };
    }
  }
}
