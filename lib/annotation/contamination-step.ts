import { checkArg, LmforgeError } from '../errors.js';
import { newStepStats, type DataRecord, type Step, type StepResult, type StepStats } from '../data/record.js';
import { NgramIndex } from './ngram-index.js';
import type { SplitName } from './splits.js';
import { isList } from './guards.js';

export interface ContaminationStepConfig {
  /**
   * What counts as already seen: the other side's texts (or a prebuilt {@link NgramIndex}).
   * With `dropFrom: 'evaluation'` this is the training set; with `dropFrom: 'train'`, the
   * evaluation records (small), so training documents that contain test passages are removed.
   */
  reference: readonly { text: string }[] | NgramIndex;
  /** Which side loses contaminated records (default `'evaluation'`). */
  dropFrom?: 'evaluation' | 'train';
  /** Meta field holding the split, as written by `splitStep` (default `'split'`). */
  splitField?: string;
  /** Words per n-gram (default 13). */
  n?: number;
  /** Bloom filter target false-positive rate per n-gram (default 1e-6). */
  falsePositiveRate?: number;
  maxBytes?: number;
  /** Dropped when the overlap fraction is above this (default 0: any shared n-gram). */
  minOverlap?: number;
}

/**
 * Drops contaminated records from a split-tagged stream: a record on the `dropFrom` side whose
 * n-grams overlap the reference index by more than `minOverlap` is filtered with reason
 * `contaminated`. Records on the other side pass through. The reference index is built once,
 * when the step is created. Counters: `checked`, `ngrams`, `sharedNgrams`.
 *
 * Unlike {@link checkLeakage}, the step cannot re-scan the reference to verify a hit, so each
 * n-gram lookup is a false positive with the filter's probability: expect about
 * `lookups * falsePositiveRate` wrongly dropped records. Lower `falsePositiveRate` (memory grows
 * with -ln(rate)) when that matters.
 */
export function contaminationStep(config: ContaminationStepConfig): Step<Omit<ContaminationStepConfig, 'reference'> & { index: ReturnType<NgramIndex['describe']> }> {
  const where = 'contaminationStep';
  checkArg(config !== null && typeof config === 'object', `${where}: config`, 'an object', config);
  const dropFrom = config.dropFrom ?? 'evaluation';
  if (dropFrom !== 'evaluation' && dropFrom !== 'train') {
    throw new LmforgeError('E_OPTION', `${where}: config.dropFrom must be 'evaluation' or 'train', got ${String(dropFrom)}`);
  }
  let index: NgramIndex;
  if (config.reference instanceof NgramIndex) {
    index = config.reference;
  } else {
    checkArg(isList(config.reference), `${where}: config.reference`, 'an array of { text } or an NgramIndex', config.reference);
    const texts = config.reference.map((r, i) => {
      if (r === null || typeof r !== 'object' || typeof r.text !== 'string') {
        throw new LmforgeError('E_RECORD', `${where}: config.reference[${i}] has no string text`);
      }
      return r.text;
    });
    const opts: { n?: number; falsePositiveRate?: number; maxBytes?: number } = {};
    if (config.n !== undefined) opts.n = config.n;
    if (config.falsePositiveRate !== undefined) opts.falsePositiveRate = config.falsePositiveRate;
    if (config.maxBytes !== undefined) opts.maxBytes = config.maxBytes;
    index = NgramIndex.build(texts, opts);
  }
  const splitField = config.splitField ?? 'split';
  const minOverlap = config.minOverlap ?? 0;
  const stats: StepStats = newStepStats();
  stats.counters['checked'] = 0;
  stats.counters['ngrams'] = 0;
  stats.counters['sharedNgrams'] = 0;
  const { reference: _ref, ...rest } = config;
  void _ref;
  return {
    name: 'contamination',
    config: { ...rest, dropFrom, index: index.describe() },
    stats,
    process(record: DataRecord): StepResult {
      stats.in++;
      const split = record.meta?.[splitField];
      if (split !== 'train' && split !== 'validation' && split !== 'test') {
        throw new LmforgeError(
          'E_MISSING_FIELD',
          `${where}: record ${record.id} has meta.${splitField} = ${JSON.stringify(split)}; expected 'train', 'validation' or 'test' (run splitStep first)`,
        );
      }
      const onDropSide = dropFrom === 'train' ? split === 'train' : (split as SplitName) !== 'train';
      if (onDropSide) {
        stats.counters['checked']!++;
        const o = index.overlap(record.text);
        stats.counters['ngrams']! += o.ngrams;
        stats.counters['sharedNgrams']! += o.hits;
        if (o.hits > 0 && o.fraction > minOverlap) {
          stats.filtered['contaminated'] = (stats.filtered['contaminated'] ?? 0) + 1;
          return { drop: 'contaminated' };
        }
      }
      stats.kept++;
      return record;
    },
  };
}
