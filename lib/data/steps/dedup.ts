import { createHash } from 'node:crypto';
import { checkArg } from '../../errors.js';
import { normalizeForHash } from '../dedup/exact.js';
import { MINHASH_META_KEY, NearDuplicateIndex, type NearDedupOptions, resolveNearDedupOptions } from '../dedup/near.js';
import { ParallelStep, StepWorkerPool } from './parallel.js';
import { minhashFromHashes, shingleHashes, type MinHashOptions } from '../dedup/minhash.js';
import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';

/** Exact dedup on the normalised text (see `normalizeForHash`); first occurrence kept. */
export class ExactDedupStep implements Step<{ normalize: 'nfkc-lower-whitespace'; hashBits: 128 }> {
  readonly name = 'exact_dedup';
  readonly config = { normalize: 'nfkc-lower-whitespace' as const, hashBits: 128 as const };
  readonly stats = newStepStats();
  // 128-bit keys: collision odds are negligible at any corpus size and memory is half of full sha256 hex.
  private readonly seen = new Set<string>();

  process(record: DataRecord): StepResult {
    const key = createHash('sha256').update(normalizeForHash(record.text), 'utf8').digest('base64').slice(0, 22);
    if (this.seen.has(key)) return { drop: 'exact_duplicate' };
    this.seen.add(key);
    return record;
  }
}

/** MinHash + LSH near-duplicate removal with optional exact-Jaccard verification; first occurrence kept. */
export class NearDedupStep implements Step<ReturnType<typeof resolveNearDedupOptions>> {
  readonly name = 'near_dedup';
  readonly config: ReturnType<typeof resolveNearDedupOptions>;
  readonly stats = newStepStats();
  private readonly index: NearDuplicateIndex;

  constructor(options: NearDedupOptions = {}) {
    this.index = new NearDuplicateIndex(options);
    this.config = this.index.options;
  }

  process(record: DataRecord): StepResult {
    return this.index.check(record.id, record.text) === null ? record : { drop: 'near_duplicate' };
  }

  /** The decision for a record whose shingle hashes and signature were computed elsewhere. */
  decideHashed(record: DataRecord, hashes: Uint32Array, sig: Uint32Array): StepResult {
    return this.index.checkHashed(record.id, hashes, sig) === null ? record : { drop: 'near_duplicate' };
  }
}


/** Worker-side half of parallel near-dedup: shingle hashes and signature, nothing decided. */
export class MinhashPrecomputeStep implements Step<{ minhash: MinHashOptions }> {
  readonly name = 'minhash_precompute';
  readonly config: { minhash: MinHashOptions };
  readonly stats = newStepStats();
  constructor(options: { minhash: MinHashOptions }) {
    this.config = { minhash: options.minhash };
  }
  process(record: DataRecord): StepResult {
    const hashes = shingleHashes(record.text, this.config.minhash);
    const sig = minhashFromHashes(hashes, this.config.minhash);
    return { ...record, meta: { ...record.meta, [MINHASH_META_KEY]: { hashes, sig } } };
  }
}

export interface MarkDuplicatesOptions extends NearDedupOptions {
  /** Also treat texts equal after normalisation as duplicates (cheap, always exact). Default true. */
  exact?: boolean;
  /**
   * Worker threads computing shingles and signatures (the costly, stateless part) one chunk ahead
   * of the decisions, which stay in order on this thread. Default 1; used for 2,000+ texts.
   */
  workers?: number;
}

const CHUNK = 2048;

/**
 * For each text, whether it duplicates (exactly or nearly) an earlier text in the list.
 * `result[i] === true` means texts[i] should be dropped; the first of each group is kept.
 */
export async function markDuplicates(texts: string[], options: MarkDuplicatesOptions = {}): Promise<boolean[]> {
  checkArg(Array.isArray(texts) && texts.every((t) => typeof t === 'string'), 'markDuplicates: texts', 'an array of strings', texts);
  const exact = options.exact ?? true;
  const workers = options.workers ?? 1;
  const index = new NearDuplicateIndex(options);
  const seen = new Set<string>();
  const out = new Array<boolean>(texts.length);
  const isExactDup = (i: number): boolean => {
    if (!exact) return false;
    const key = normalizeForHash(texts[i]!);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  };
  if (workers <= 1 || texts.length < 2000) {
    for (let i = 0; i < texts.length; i++) {
      out[i] = isExactDup(i) || index.check(String(i), texts[i]!) !== null;
      // Yield to the event loop now and then so a long list does not starve other work.
      if ((i & 4095) === 4095) await new Promise<void>((r) => setImmediate(r));
    }
    return out;
  }
  const pool = await StepWorkerPool.create([{ step: 'minhash_precompute', options: { minhash: index.options.minhash } }], workers);
  try {
    const sigs = new ParallelStep(pool, 0);
    const chunk = (start: number): Promise<StepResult[]> =>
      sigs.processBatch(texts.slice(start, start + CHUNK).map((text, k) => ({ id: String(start + k), text, meta: {} })));
    let next = chunk(0);
    for (let start = 0; start < texts.length; start += CHUNK) {
      const results = await next;
      if (start + CHUNK < texts.length) next = chunk(start + CHUNK);
      results.forEach((r, k) => {
        const i = start + k;
        const pre = (r as DataRecord).meta[MINHASH_META_KEY] as { hashes: Uint32Array; sig: Uint32Array };
        out[i] = isExactDup(i) || index.checkHashed(String(i), pre.hashes, pre.sig) !== null;
      });
    }
  } finally {
    await pool.close();
  }
  return out;
}
