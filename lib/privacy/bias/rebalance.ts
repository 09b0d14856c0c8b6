/**
 * Rebalancing toward a target group distribution: per-item weights (for weighted training or
 * metrics) and group-stratified sampling (for building a balanced subset).
 */
import { seededRandom } from '../../util/random.js';
import { checkArg, LmforgeError } from '../../errors.js';

export interface RebalanceOptions<T> {
  /** Group of an item. */
  groupOf: (item: T, index: number) => string;
  /** Target share per group (normalised; default: uniform over the observed groups). */
  target?: Record<string, number>;
}

function observed<T>(items: readonly T[], groupOf: (item: T, index: number) => string): Map<string, number[]> {
  const g = new Map<string, number[]>();
  items.forEach((it, i) => {
    const k = groupOf(it, i);
    if (typeof k !== 'string') throw new LmforgeError('BIAS_BAD_GROUP', `groupOf(items[${i}]) must return a string, got ${typeof k}`);
    let l = g.get(k);
    if (l === undefined) g.set(k, (l = []));
    l.push(i);
  });
  return g;
}

function normalisedTarget(groups: Iterable<string>, target: Record<string, number> | undefined): Map<string, number> {
  const keys = [...groups];
  const t = new Map<string, number>();
  if (target === undefined) {
    for (const k of keys) t.set(k, 1 / keys.length);
    return t;
  }
  let sum = 0;
  for (const [k, v] of Object.entries(target)) {
    checkArg(typeof v === 'number' && v >= 0 && Number.isFinite(v), `options.target.${k}`, 'a non-negative number', v);
    sum += v;
  }
  if (sum === 0) throw new LmforgeError('BIAS_BAD_TARGET', 'options.target shares sum to 0');
  for (const [k, v] of Object.entries(target)) t.set(k, v / sum);
  return t;
}

/**
 * Weight per item so that weighted group shares equal the target: w = target(g) / observed(g).
 * Weights average 1 over the items of groups present in the target; items of other groups get 0.
 */
export function reweight<T>(items: readonly T[], options: RebalanceOptions<T>): number[] {
  checkArg(Array.isArray(items), 'items', 'an array', items);
  checkArg(typeof options?.groupOf === 'function', 'options.groupOf', 'a function', options?.groupOf);
  const groups = observed(items, options.groupOf);
  const target = normalisedTarget(groups.keys(), options.target);
  const w = new Array<number>(items.length).fill(0);
  for (const [g, idx] of groups) {
    const share = target.get(g) ?? 0;
    const obs = idx.length / items.length;
    for (const i of idx) w[i] = share / obs;
  }
  return w;
}

export interface StratifiedSampleOptions<T> extends RebalanceOptions<T> {
  /** Sample size (default: the largest size reachable without replacement). */
  n?: number;
  /** Allow drawing an item more than once when a group is too small (default false). */
  replace?: boolean;
  /** PRNG seed (default 0): the same seed gives the same sample. */
  seed?: number;
}


/**
 * Draws a sample whose group shares match the target (largest-remainder rounding). Without
 * replacement, the default size is the largest n every group can supply.
 */
export function stratifiedSample<T>(items: readonly T[], options: StratifiedSampleOptions<T>): T[] {
  checkArg(Array.isArray(items), 'items', 'an array', items);
  checkArg(typeof options?.groupOf === 'function', 'options.groupOf', 'a function', options?.groupOf);
  const groups = observed(items, options.groupOf);
  const target = normalisedTarget(groups.keys(), options.target);
  const replace = options.replace ?? false;
  let n = options.n;
  if (n === undefined) {
    n = Infinity;
    for (const [g, share] of target) if (share > 0) n = Math.min(n, Math.floor((groups.get(g)?.length ?? 0) / share));
    if (!Number.isFinite(n)) n = 0;
  }
  checkArg(Number.isInteger(n) && n >= 0, 'options.n', 'a non-negative integer', n);
  // Largest-remainder allocation of n over groups.
  const alloc = new Map<string, number>();
  const rema: Array<[string, number]> = [];
  let given = 0;
  for (const [g, share] of target) {
    const exact = share * n;
    alloc.set(g, Math.floor(exact));
    given += Math.floor(exact);
    rema.push([g, exact - Math.floor(exact)]);
  }
  rema.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (let k = 0; given < n; k++, given++) alloc.set(rema[k % rema.length]![0], alloc.get(rema[k % rema.length]![0])! + 1);
  const rnd = seededRandom(options.seed ?? 0);
  const out: T[] = [];
  for (const [g, want] of alloc) {
    const pool = groups.get(g) ?? [];
    if (want > 0 && pool.length === 0) throw new LmforgeError('BIAS_EMPTY_GROUP', `target group ${JSON.stringify(g)} has no items to sample`);
    if (!replace && want > pool.length) {
      throw new LmforgeError('BIAS_GROUP_TOO_SMALL', `group ${JSON.stringify(g)} has ${pool.length} items but ${want} are needed; pass replace: true or a smaller n`);
    }
    if (replace) for (let k = 0; k < want; k++) out.push(items[pool[Math.floor(rnd() * pool.length)]!]!);
    else {
      // Partial Fisher-Yates on a copy.
      const p = pool.slice();
      for (let k = 0; k < want; k++) {
        const j = k + Math.floor(rnd() * (p.length - k));
        [p[k], p[j]] = [p[j]!, p[k]!];
        out.push(items[p[k]!]!);
      }
    }
  }
  return out;
}
