import { checkArg, LmforgeError } from '../errors.js';
import { readField, requireField, type FieldSelector } from './fields.js';
import { unitHash } from './keyed-hash.js';

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}

export interface SplitOptions<T> {
  /** Fractions per split; each in [0, 1], summing to 1 (within 1e-9). */
  ratios: SplitRatios;
  /** Keys the hash: the same seed gives the same split on every run and machine. */
  seed: string | number;
  /** What identifies a record (default `'id'`): a field name (`meta` is searched too) or a function. */
  key?: FieldSelector<T>;
  /**
   * Group-aware splitting: records sharing this value (a patient, a thread, a speech) are one unit
   * and land in one split. Takes the place of `key` for assignment.
   */
  groupBy?: FieldSelector<T>;
  /**
   * Stratify by this value (a label): within each stratum the split sizes stay within ±1 unit of
   * `ratio * units`. With `groupBy`, a group's stratum is its most common value.
   */
  stratifyBy?: FieldSelector<T>;
  /**
   * An earlier assignment (unit key → split), e.g. `result.assignment` of the previous run. Those
   * units keep their split; only new ones are placed. Needed for stratified splits to stay stable
   * when the dataset grows (plain hash splits are stable without it).
   */
  previous?: ReadonlyMap<string, SplitName> | Readonly<Record<string, SplitName>>;
  /** A split with a positive ratio that ends up empty is an error unless this is true. */
  allowEmptySplits?: boolean;
}

export interface SplitStats {
  records: number;
  units: number;
  /** Records per split. */
  counts: Record<SplitName, number>;
  /** Units per split within each stratum (only when `stratifyBy` is set). */
  strata?: Record<string, Record<SplitName, number>>;
  /** Units whose split came from `previous`. */
  pinned: number;
}

export interface SplitResult<T> {
  train: T[];
  validation: T[];
  test: T[];
  /** Unit key (the `key` or `groupBy` value) → split. Feed to `previous` next time. */
  assignment: Map<string, SplitName>;
  stats: SplitStats;
}

/** Validates ratios and returns them as an array in SPLIT_NAMES order. */
export function checkRatios(ratios: unknown, where: string): [number, number, number] {
  checkArg(ratios !== null && typeof ratios === 'object', `${where}: options.ratios`, 'an object { train, validation, test }', ratios);
  const r = ratios as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!SPLIT_NAMES.includes(k as SplitName)) {
      throw new LmforgeError('E_OPTION', `${where}: options.ratios has unknown split '${k}' (expected train, validation, test)`);
    }
  }
  const out = SPLIT_NAMES.map((name) => {
    const v = r[name] ?? 0;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new LmforgeError('E_OPTION', `${where}: options.ratios.${name} must be a number in [0, 1], got ${String(v)}`);
    }
    return v;
  }) as [number, number, number];
  const sum = out[0] + out[1] + out[2];
  if (Math.abs(sum - 1) > 1e-9) {
    throw new LmforgeError('E_OPTION', `${where}: options.ratios must sum to 1, got ${sum} (train ${out[0]}, validation ${out[1]}, test ${out[2]})`);
  }
  return out;
}

/** The split of a hash value in [0, 1) under cumulative ratios (train first, then validation, test). */
export function splitForHash(u: number, ratios: readonly [number, number, number]): SplitName {
  if (u < ratios[0]) return 'train';
  if (u < ratios[0] + ratios[1]) return 'validation';
  if (ratios[2] > 0) return 'test';
  // Only reachable when test has no share and float rounding left r0 + r1 a hair below 1.
  return ratios[1] > 0 ? 'validation' : 'train';
}

function previousLookup(previous: SplitOptions<unknown>['previous']): (key: string) => SplitName | undefined {
  if (previous === undefined) return () => undefined;
  if (previous instanceof Map) return (k) => previous.get(k);
  const obj = previous as Readonly<Record<string, SplitName>>;
  return (k) => (Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : undefined);
}

interface Unit {
  key: string;
  u: number;
  indices: number[];
  strata: Map<string, number>;
}

/**
 * Splits records into train / validation / test by a keyed hash of each record's key (or group).
 *
 * Plain mode: a unit goes to the split whose cumulative ratio interval holds `HMAC(seed, key)`,
 * so its split depends only on its own key: appending records never moves an old one.
 *
 * Stratified mode: within each stratum, units are taken in hash order and each goes to the split
 * furthest below its target share (largest `ratio * placed - count`), which keeps every split
 * within one unit of `ratio * units`. Pass `previous` to keep old units where they were.
 */
export function splitDataset<T>(records: Iterable<T>, options: SplitOptions<T>): SplitResult<T> {
  const where = 'splitDataset';
  checkArg(records !== null && typeof (records as Iterable<T>)?.[Symbol.iterator] === 'function', `${where}: records`, 'an iterable of records', records);
  checkArg(options !== null && typeof options === 'object', `${where}: options`, 'an object', options);
  const ratios = checkRatios(options.ratios, where);
  checkArg(typeof options.seed === 'string' || typeof options.seed === 'number', `${where}: options.seed`, 'a string or number', options.seed);
  const seed = String(options.seed);
  const unitField: FieldSelector<T> = options.groupBy ?? options.key ?? 'id';
  const prev = previousLookup(options.previous);

  const list = Array.isArray(records) ? (records as T[]) : [...records];
  if (list.length === 0) throw new LmforgeError('E_EMPTY', `${where}: records is empty; there is nothing to split`);

  const units = new Map<string, Unit>();
  list.forEach((rec, i) => {
    const key = requireField(rec, unitField, i, where);
    let unit = units.get(key);
    if (!unit) {
      unit = { key, u: unitHash(seed, key), indices: [], strata: new Map() };
      units.set(key, unit);
    }
    unit.indices.push(i);
    if (options.stratifyBy !== undefined) {
      const s = readField(rec, options.stratifyBy);
      if (s === undefined) requireField(rec, options.stratifyBy, i, `${where} (stratifyBy)`);
      unit.strata.set(s!, (unit.strata.get(s!) ?? 0) + 1);
    }
  });

  const assignment = new Map<string, SplitName>();
  let pinned = 0;
  let strataStats: Record<string, Record<SplitName, number>> | undefined;

  if (options.stratifyBy === undefined) {
    for (const unit of units.values()) {
      const p = prev(unit.key);
      if (p !== undefined) pinned++;
      assignment.set(unit.key, p ?? splitForHash(unit.u, ratios));
    }
  } else {
    const byStratum = new Map<string, Unit[]>();
    for (const unit of units.values()) {
      const s = majorityStratum(unit.strata);
      const arr = byStratum.get(s);
      if (arr) arr.push(unit);
      else byStratum.set(s, [unit]);
    }
    strataStats = {};
    for (const [stratum, members] of [...byStratum.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const counts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
      const fresh: Unit[] = [];
      for (const unit of members) {
        const p = prev(unit.key);
        if (p !== undefined) {
          assignment.set(unit.key, p);
          counts[p]++;
          pinned++;
        } else fresh.push(unit);
      }
      // Hash order (key as tie-break) makes the greedy walk independent of input order.
      fresh.sort((a, b) => a.u - b.u || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      let placed = counts.train + counts.validation + counts.test;
      for (const unit of fresh) {
        placed++;
        let best: SplitName = 'train';
        let bestDeficit = -Infinity;
        SPLIT_NAMES.forEach((name, i) => {
          if (ratios[i] === 0) return;
          const deficit = ratios[i] * placed - counts[name];
          if (deficit > bestDeficit + 1e-12) {
            bestDeficit = deficit;
            best = name;
          }
        });
        counts[best]++;
        assignment.set(unit.key, best);
      }
      strataStats[stratum] = counts;
    }
  }

  const out: SplitResult<T> = {
    train: [],
    validation: [],
    test: [],
    assignment,
    stats: { records: list.length, units: units.size, counts: { train: 0, validation: 0, test: 0 }, pinned },
  };
  if (strataStats) out.stats.strata = strataStats;
  // Emit in input order so downstream files keep the reader's order.
  for (const rec of list) {
    const split = assignment.get(readField(rec, unitField)!)!;
    out[split].push(rec);
    out.stats.counts[split]++;
  }
  if (!options.allowEmptySplits) {
    SPLIT_NAMES.forEach((name, i) => {
      if (ratios[i] > 0 && out[name].length === 0) {
        throw new LmforgeError(
          'E_EMPTY_SPLIT',
          `${where}: split '${name}' (ratio ${ratios[i]}) received no records out of ${list.length} (${units.size} units); ` +
            'use more data, change the ratios, or pass allowEmptySplits: true',
        );
      }
    });
  }
  return out;
}

function majorityStratum(strata: Map<string, number>): string {
  let best = '';
  let bestN = -1;
  for (const [s, n] of strata) {
    if (n > bestN || (n === bestN && s < best)) {
      best = s;
      bestN = n;
    }
  }
  return best;
}
