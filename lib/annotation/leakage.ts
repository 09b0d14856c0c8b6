import { checkArg, LmforgeError } from '../errors.js';
import type { DataRecord } from '../data/record.js';
import { exactHash } from '../data/dedup/exact.js';
import { jaccardOfHashes, LshIndex, minhashFromHashes, shingleHashes, type MinHashOptions } from '../data/dedup/minhash.js';
import { NgramIndex, ngramKey, type NgramIndexInfo } from './ngram-index.js';
import { forEachNgram } from './ngrams.js';
import { SPLIT_NAMES, type SplitName } from './splits.js';

/** The records of each split; a missing or empty split is skipped. */
export type LeakageSplits = Partial<Record<SplitName, readonly DataRecord[]>>;

export interface NearDuplicateOptions extends MinHashOptions {
  /** Verified Jaccard similarity (of the shingle sets) at or above which a pair counts (default 0.8). */
  threshold?: number;
}

export interface NgramContaminationOptions {
  /** Words per n-gram (default 13). */
  n?: number;
  /** Bloom filter target false-positive rate per n-gram (default 1e-6). */
  falsePositiveRate?: number;
  /** Cap on each reference split's filter memory. */
  maxBytes?: number;
  /** A record is contaminated when its overlap fraction is above this (default 0: any shared n-gram). */
  minOverlap?: number;
  /**
   * Re-scan the reference split for the n-grams the filter flagged, so Bloom false positives are
   * removed and the reference record id is known (default true; costs a second pass).
   */
  verify?: boolean;
}

export interface LeakageOptions {
  /** Exact duplicates after `normalizeForHash` (default true). */
  exact?: boolean;
  /** Near duplicates with the curation MinHash + LSH, verified by Jaccard (default on; `false` turns off). */
  near?: boolean | Partial<NearDuplicateOptions>;
  /** N-gram contamination (default on with n = 13; a number sets n; `false` turns off). */
  ngram?: boolean | number | NgramContaminationOptions;
  /** Examples kept per finding (default 10). Counts and ids are always complete. */
  maxExamples?: number;
  /** Which (reference, evaluated) pairs to check (default train→validation, train→test, validation→test). */
  pairs?: ReadonlyArray<readonly [SplitName, SplitName]>;
  /** Called after each stage (a duplicate scan of a reference split, an n-gram check of a pair), with stages done and total. */
  onProgress?: (event: { stage: string; done: number; total: number }) => void;
}

export const DEFAULT_NEAR_OPTIONS: NearDuplicateOptions = { shingle: 'word', n: 5, bands: 20, rows: 5, seed: 1, threshold: 0.8 };

export interface LeakageExample {
  /** The evaluated record. */
  id: string;
  /** The record of the reference split it matches. */
  otherId?: string;
  /** Jaccard similarity (near) or n-gram overlap fraction (ngram). */
  score?: number;
}

export interface LeakageFinding {
  count: number;
  /** count / records in the evaluated split. */
  fraction: number;
  /** Every flagged record id of the evaluated split. */
  ids: string[];
  examples: LeakageExample[];
}

export interface NgramRecordOverlap {
  id: string;
  ngrams: number;
  shared: number;
  overlap: number;
  otherId?: string;
}

export interface NgramFinding extends LeakageFinding {
  n: number;
  /** Evaluated records with fewer than n words (they have no n-grams and cannot be flagged). */
  tooShort: number;
  /** Mean overlap fraction over evaluated records that have n-grams. */
  meanOverlap: number;
  /** Overlap of every evaluated record. */
  perRecord: NgramRecordOverlap[];
  verified: boolean;
}

export interface LeakagePairReport {
  reference: SplitName;
  evaluated: SplitName;
  evaluatedRecords: number;
  exact?: LeakageFinding;
  /** Near duplicates that are not also exact duplicates (the two counts are disjoint). */
  near?: LeakageFinding;
  ngram?: NgramFinding;
}

export interface LeakageReport {
  pairs: LeakagePairReport[];
  /** The n-gram index built over each reference split (memory, hashes, false-positive rate). */
  ngramIndexes: Partial<Record<SplitName, NgramIndexInfo>>;
}

const DEFAULT_PAIRS: ReadonlyArray<readonly [SplitName, SplitName]> = [
  ['train', 'validation'],
  ['train', 'test'],
  ['validation', 'test'],
];

function finding(count: number, total: number, ids: string[], examples: LeakageExample[]): LeakageFinding {
  return { count, fraction: total === 0 ? 0 : count / total, ids, examples };
}

/**
 * Checks each pair of splits for leakage: exact duplicates (normalised hash), near duplicates
 * (MinHash LSH candidates verified by Jaccard), and n-gram contamination (an evaluated record is
 * contaminated when it shares an n-gram with the reference split; GPT-3 used n = 13).
 */
export function checkLeakage(splits: LeakageSplits, options: LeakageOptions = {}): LeakageReport {
  const where = 'checkLeakage';
  checkArg(splits !== null && typeof splits === 'object', `${where}: splits`, 'an object { train, validation, test }', splits);
  for (const k of Object.keys(splits)) {
    if (!SPLIT_NAMES.includes(k as SplitName)) {
      // A splitDataset result can be passed as is (its assignment/stats are not record lists);
      // an unknown key holding records is most likely a misspelt split, so it is an error.
      if (Array.isArray((splits as Record<string, unknown>)[k])) {
        throw new LmforgeError('E_OPTION', `${where}: unknown split '${k}' (expected train, validation, test)`);
      }
      continue;
    }
    const recs = splits[k as SplitName];
    if (recs !== undefined && !Array.isArray(recs)) throw new TypeError(`${where}: splits.${k} must be an array of records`);
    recs?.forEach((r, i) => {
      if (r === null || typeof r !== 'object' || typeof r.text !== 'string' || typeof r.id !== 'string') {
        throw new LmforgeError('E_RECORD', `${where}: splits.${k}[${i}] is not a record with string id and text`);
      }
    });
  }
  const maxExamples = options.maxExamples ?? 10;
  const near = resolveNear(options.near);
  const ngram = resolveNgram(options.ngram);
  const doExact = options.exact !== false;
  const pairs = (options.pairs ?? DEFAULT_PAIRS).filter(([a, b]) => (splits[a]?.length ?? 0) > 0 && (splits[b]?.length ?? 0) > 0);

  const report: LeakageReport = { pairs: [], ngramIndexes: {} };

  const refNames = [...new Set(pairs.map(([a]) => a))];
  // Stages: one duplicate scan and one n-gram check per reference split.
  const progress = { done: 0, total: ((doExact || near) ? refNames.length : 0) + (ngram ? refNames.length : 0) };
  const step = (stage: string): void => {
    progress.done++;
    options.onProgress?.({ stage, done: progress.done, total: progress.total });
  };

  // Exact and near duplicates index the evaluated split (small) and stream the reference split
  // (large) once for all its pairs, so memory grows with the evaluation sets, not the training set.
  const exactTargets = new Map<SplitName, Map<string, number[]>>();
  const nearTargets = new Map<SplitName, { lsh: LshIndex; hashes: Uint32Array[] }>();
  const exactFound = new Map<string, Map<number, string>>(); // pair key -> eval index -> first ref id
  const nearFound = new Map<string, { score: Float64Array; other: (string | undefined)[] }>();
  const pairKey = (a: SplitName, b: SplitName): string => `${a}>${b}`;
  const threshold = near?.threshold ?? 0.8;

  for (const refName of doExact || near ? refNames : []) {
    const ref = splits[refName]!;
    const targets = pairs.filter(([a]) => a === refName).map(([, b]) => b);
    const exactT = doExact ? targets.map((e) => getExactTarget(exactTargets, e, splits[e]!)) : [];
    const nearT = near ? targets.map((e) => getNearTarget(nearTargets, e, splits[e]!, near)) : [];
    const exactF = targets.map((e) => {
      const m = new Map<number, string>();
      exactFound.set(pairKey(refName, e), m);
      return m;
    });
    const nearF = targets.map((e) => {
      const f = { score: new Float64Array(splits[e]!.length), other: new Array<string | undefined>(splits[e]!.length) };
      nearFound.set(pairKey(refName, e), f);
      return f;
    });
    for (const r of ref) {
      if (doExact) {
        const h = exactHash(r.text);
        exactT.forEach((t, k) => {
          const hit = t.get(h);
          if (hit) for (const i of hit) if (!exactF[k]!.has(i)) exactF[k]!.set(i, r.id);
        });
      }
      if (near) {
        const hashes = shingleHashes(r.text, near);
        const sig = minhashFromHashes(hashes, near);
        nearT.forEach((t, k) => {
          for (const c of t.lsh.queryIndices(sig)) {
            const j = jaccardOfHashes(t.hashes[c]!, hashes);
            const f = nearF[k]!;
            if (j >= threshold && j > f.score[c]!) {
              f.score[c] = j;
              f.other[c] = r.id;
            }
          }
        });
      }
    }
    step(`duplicates ${refName} -> ${targets.join(', ')}`);
  }

  // N-gram contamination: one Bloom index per reference split, one verification pass for all its pairs.
  const ngramResults = new Map<string, NgramFinding>();
  for (const refName of ngram ? refNames : []) {
    const ref = splits[refName]!;
    const targets = pairs.filter(([a]) => a === refName).map(([, b]) => b);
    const opts: { n: number; falsePositiveRate: number; maxBytes?: number } = { n: ngram!.n, falsePositiveRate: ngram!.falsePositiveRate };
    if (ngram!.maxBytes !== undefined) opts.maxBytes = ngram!.maxBytes;
    const index = NgramIndex.build(ref.map((r) => r.text), opts);
    report.ngramIndexes[refName] = index.describe();
    const results = ngramFindings(index, ref, targets.map((e) => splits[e]!), ngram!, maxExamples);
    targets.forEach((e, k) => ngramResults.set(pairKey(refName, e), results[k]!));
    step(`ngram ${refName} -> ${targets.join(', ')}`);
  }

  for (const [refName, evalName] of pairs) {
    const evals = splits[evalName]!;
    const pr: LeakagePairReport = { reference: refName, evaluated: evalName, evaluatedRecords: evals.length };
    const exactIds = new Set<string>();

    if (doExact) {
      const found = exactFound.get(pairKey(refName, evalName))!;
      const ids: string[] = [];
      const examples: LeakageExample[] = [];
      evals.forEach((r, i) => {
        const other = found.get(i);
        if (other === undefined) return;
        ids.push(r.id);
        exactIds.add(r.id);
        if (examples.length < maxExamples) examples.push({ id: r.id, otherId: other });
      });
      pr.exact = finding(ids.length, evals.length, ids, examples);
    }

    if (near) {
      const found = nearFound.get(pairKey(refName, evalName))!;
      const ids: string[] = [];
      const examples: LeakageExample[] = [];
      evals.forEach((r, i) => {
        const other = found.other[i];
        if (other === undefined || exactIds.has(r.id)) return;
        ids.push(r.id);
        if (examples.length < maxExamples) examples.push({ id: r.id, otherId: other, score: found.score[i]! });
      });
      pr.near = finding(ids.length, evals.length, ids, examples);
    }

    if (ngram) pr.ngram = ngramResults.get(pairKey(refName, evalName))!;
    report.pairs.push(pr);
  }
  return report;
}

function getExactTarget(cache: Map<SplitName, Map<string, number[]>>, name: SplitName, records: readonly DataRecord[]): Map<string, number[]> {
  let t = cache.get(name);
  if (!t) {
    t = new Map();
    records.forEach((r, i) => {
      const h = exactHash(r.text);
      const list = t!.get(h);
      if (list) list.push(i);
      else t!.set(h, [i]);
    });
    cache.set(name, t);
  }
  return t;
}

function getNearTarget(
  cache: Map<SplitName, { lsh: LshIndex; hashes: Uint32Array[] }>,
  name: SplitName,
  records: readonly DataRecord[],
  options: NearDuplicateOptions,
): { lsh: LshIndex; hashes: Uint32Array[] } {
  let t = cache.get(name);
  if (!t) {
    const lsh = new LshIndex(options);
    const hashes = records.map((r, i) => {
      const h = shingleHashes(r.text, options);
      lsh.add(String(i), minhashFromHashes(h, options));
      return h;
    });
    t = { lsh, hashes };
    cache.set(name, t);
  }
  return t;
}

interface ResolvedNgram {
  n: number;
  falsePositiveRate: number;
  maxBytes?: number;
  minOverlap: number;
  verify: boolean;
}

function resolveNear(near: LeakageOptions['near']): NearDuplicateOptions | undefined {
  if (near === false) return undefined;
  if (near === undefined || near === true) return DEFAULT_NEAR_OPTIONS;
  return { ...DEFAULT_NEAR_OPTIONS, ...near };
}

function resolveNgram(ngram: LeakageOptions['ngram']): ResolvedNgram | undefined {
  if (ngram === false) return undefined;
  const base: ResolvedNgram = { n: 13, falsePositiveRate: 1e-6, minOverlap: 0, verify: true };
  if (ngram === undefined || ngram === true) return base;
  if (typeof ngram === 'number') return { ...base, n: ngram };
  const out: ResolvedNgram = {
    n: ngram.n ?? base.n,
    falsePositiveRate: ngram.falsePositiveRate ?? base.falsePositiveRate,
    minOverlap: ngram.minOverlap ?? base.minOverlap,
    verify: ngram.verify ?? base.verify,
  };
  if (ngram.maxBytes !== undefined) out.maxBytes = ngram.maxBytes;
  return out;
}

/**
 * N-gram contamination of several evaluated splits against one reference index. Bloom hits are
 * collected per evaluated record; with `verify`, one more pass over the reference (shared by all
 * evaluated splits) keeps only n-grams that really occur there and notes the first record holding each.
 */
function ngramFindings(
  index: NgramIndex,
  ref: readonly DataRecord[],
  targets: readonly (readonly DataRecord[])[],
  opts: ResolvedNgram,
  maxExamples: number,
): NgramFinding[] {
  const n = index.n;
  const TARGET = 4294967296; // wanted-map entries encode target * 2^32 + record index
  const perRecord: NgramRecordOverlap[][] = targets.map(() => []);
  const hitKeys: number[][][] = targets.map(() => []);
  const tooShort = targets.map(() => 0);
  const wanted = new Map<number, number[]>();
  targets.forEach((evals, t) => {
    evals.forEach((r, i) => {
      const keys: number[] = [];
      const total = forEachNgram(r.text, n, (h1, h2) => {
        if (index.filter.has(h1, h2)) keys.push(ngramKey(h1, h2));
      });
      if (total === 0) tooShort[t]!++;
      perRecord[t]!.push({ id: r.id, ngrams: total, shared: keys.length, overlap: total === 0 ? 0 : keys.length / total });
      hitKeys[t]!.push(keys);
      if (!opts.verify) return;
      const code = t * TARGET + i;
      for (const k of keys) {
        const list = wanted.get(k);
        if (list === undefined) wanted.set(k, [code]);
        else if (list[list.length - 1] !== code) list.push(code);
      }
    });
  });

  if (opts.verify) {
    const confirmed = new Set<number>();
    const firstRef = new Map<number, string>();
    if (wanted.size > 0) {
      for (const r of ref) {
        forEachNgram(r.text, n, (h1, h2) => {
          const k = ngramKey(h1, h2);
          const who = wanted.get(k);
          if (who === undefined) return;
          confirmed.add(k);
          for (const code of who) if (!firstRef.has(code)) firstRef.set(code, r.id);
        });
      }
    }
    perRecord.forEach((records, t) => {
      records.forEach((p, i) => {
        let shared = 0;
        for (const k of hitKeys[t]![i]!) if (confirmed.has(k)) shared++;
        p.shared = shared;
        p.overlap = p.ngrams === 0 ? 0 : shared / p.ngrams;
        const other = firstRef.get(t * TARGET + i);
        if (other !== undefined && shared > 0) p.otherId = other;
      });
    });
  }

  return targets.map((evals, t) => {
    const ids: string[] = [];
    const examples: LeakageExample[] = [];
    let sum = 0;
    let withNgrams = 0;
    for (const p of perRecord[t]!) {
      if (p.ngrams > 0) {
        sum += p.overlap;
        withNgrams++;
      }
      if (p.shared > 0 && p.overlap > opts.minOverlap) {
        ids.push(p.id);
        if (examples.length < maxExamples) {
          const ex: LeakageExample = { id: p.id, score: p.overlap };
          if (p.otherId !== undefined) ex.otherId = p.otherId;
          examples.push(ex);
        }
      }
    }
    return {
      ...finding(ids.length, evals.length, ids, examples),
      n,
      tooShort: tooShort[t]!,
      meanOverlap: withNgrams === 0 ? 0 : sum / withNgrams,
      perRecord: perRecord[t]!,
      verified: opts.verify,
    };
  });
}

/** A plain-text table of a report (what `lmforge data leakage` prints). */
export function formatLeakageReport(report: LeakageReport): string {
  const rows: string[][] = [['pair', 'records', 'exact', 'near', 'ngram', 'mean overlap']];
  const cell = (f: LeakageFinding | undefined): string => (f ? `${f.count} (${(f.fraction * 100).toFixed(2)}%)` : '-');
  for (const p of report.pairs) {
    rows.push([
      `${p.reference} -> ${p.evaluated}`,
      String(p.evaluatedRecords),
      cell(p.exact),
      cell(p.near),
      p.ngram ? `${cell(p.ngram)} n=${p.ngram.n}` : '-',
      p.ngram ? p.ngram.meanOverlap.toFixed(4) : '-',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  for (const [name, info] of Object.entries(report.ngramIndexes)) {
    lines.push(
      `${name} ${info.n}-gram index: ${info.ngrams} n-grams, ${(info.bytes / 1048576).toFixed(1)} MiB, ${info.hashes} hashes, ` +
        `false-positive rate ${info.expectedFalsePositiveRate.toExponential(2)} (target ${info.targetFalsePositiveRate})`,
    );
  }
  return lines.join('\n');
}
