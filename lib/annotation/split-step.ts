import { checkArg } from '../errors.js';
import { newStepStats, type DataRecord, type Step, type StepResult, type StepStats } from '../data/record.js';
import { requireField, type FieldSelector } from './fields.js';
import { unitHash } from './keyed-hash.js';
import { checkRatios, splitForHash, SPLIT_NAMES, type SplitName, type SplitRatios } from './splits.js';

export interface SplitStepConfig {
  ratios: SplitRatios;
  seed: string | number;
  /** Unit key (default `'id'`); see {@link SplitOptions.key}. */
  key?: FieldSelector<DataRecord>;
  /** Group-aware: records sharing this value land in one split. */
  groupBy?: FieldSelector<DataRecord>;
  /** The meta field that receives the split name (default `'split'`). */
  field?: string;
  /** Keep only these splits; the others are dropped with reason `split:<name>`. Default: keep all. */
  keep?: readonly SplitName[];
}

/**
 * The streaming form of {@link splitDataset}'s plain (hash) mode: tags each record with
 * `meta[field] = 'train' | 'validation' | 'test'`. It needs no global view, so it runs in
 * constant memory and gives each record the same split `splitDataset` would.
 * (Stratified splitting needs all records at once; use `splitDataset` for it.)
 */
export function splitStep(config: SplitStepConfig): Step<SplitStepConfig> {
  const where = 'splitStep';
  checkArg(config !== null && typeof config === 'object', `${where}: config`, 'an object', config);
  const ratios = checkRatios(config.ratios, where);
  checkArg(typeof config.seed === 'string' || typeof config.seed === 'number', `${where}: config.seed`, 'a string or number', config.seed);
  const seed = String(config.seed);
  const unitField = config.groupBy ?? config.key ?? 'id';
  const field = config.field ?? 'split';
  const keep = new Set<SplitName>(config.keep ?? SPLIT_NAMES);
  const stats: StepStats = newStepStats();
  for (const name of SPLIT_NAMES) stats.counters[`split.${name}`] = 0;
  return {
    name: 'split',
    config: { ...config },
    stats,
    process(record: DataRecord): StepResult {
      const index = stats.in++;
      const key = requireField(record, unitField, index, where);
      const split = splitForHash(unitHash(seed, key), ratios);
      stats.counters[`split.${split}`]!++;
      if (!keep.has(split)) {
        const reason = `split:${split}`;
        stats.filtered[reason] = (stats.filtered[reason] ?? 0) + 1;
        return { drop: reason };
      }
      stats.kept++;
      return { ...record, meta: { ...record.meta, [field]: split } };
    },
  };
}
