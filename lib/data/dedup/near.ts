import { LmforgeError } from '../../errors.js';
import { LshIndex, jaccardOfHashes, minhashFromHashes, shingleHashes, type MinHashOptions } from './minhash.js';

/** Where a worker puts precomputed MinHash data on a record in flight (removed before the record moves on). */
export const MINHASH_META_KEY = '__lmforge_minhash';

/** How candidate pairs from LSH are confirmed. */
export type Verification = 'jaccard' | 'signature' | 'none';

export interface NearDedupOptions {
  minhash?: Partial<MinHashOptions>;
  /**
   * 'jaccard' (default): exact Jaccard of the shingle-hash sets (keeps each kept doc's shingle hashes in memory);
   * 'signature': Jaccard estimated from the signatures (bounded memory per doc: 4 bytes × bands × rows);
   * 'none': any shared LSH bucket is a duplicate (datatrove's behaviour).
   */
  verify?: Verification;
  /** Similarity at or above which a candidate is a duplicate. Default 0.4 (on character 5-gram sets). */
  threshold?: number;
}

/**
 * Defaults chosen on bench/dedup.mjs (lightly edited copies of real paragraphs): character 5-grams
 * survive word substitutions and insertions far better than word 5-grams (an edited word breaks
 * 5 word shingles but only ~5 of ~1000 character shingles), and a low LSH threshold (32 × 4,
 * S-curve midpoint ≈ 0.42) with exact verification keeps recall high without losing precision.
 */
export const DEFAULT_NEAR_DEDUP: Required<Omit<NearDedupOptions, 'minhash'>> & { minhash: MinHashOptions } = {
  minhash: { shingle: 'char', n: 5, bands: 32, rows: 4, seed: 1, normalize: true },
  verify: 'jaccard',
  threshold: 0.4,
};

export function resolveNearDedupOptions(options: NearDedupOptions = {}): typeof DEFAULT_NEAR_DEDUP {
  const minhash = { ...DEFAULT_NEAR_DEDUP.minhash, ...(options.minhash ?? {}) };
  const verify = options.verify ?? DEFAULT_NEAR_DEDUP.verify;
  const threshold = options.threshold ?? DEFAULT_NEAR_DEDUP.threshold;
  if (!['jaccard', 'signature', 'none'].includes(verify)) throw new LmforgeError('E_OPTION', `near dedup: verify must be 'jaccard', 'signature' or 'none', got ${String(verify)}`);
  if (!(threshold > 0 && threshold <= 1)) throw new LmforgeError('E_OPTION', `near dedup: threshold must be in (0, 1], got ${threshold}`);
  return { minhash, verify, threshold };
}

/**
 * Online near-duplicate detector: `check` answers whether a text duplicates one seen before and,
 * if not, remembers it (first occurrence kept). Stateful, order-dependent, deterministic.
 */
export class NearDuplicateIndex {
  readonly options: typeof DEFAULT_NEAR_DEDUP;
  private readonly lsh: LshIndex;
  private readonly kept: (Uint32Array | null)[] = [];
  private readonly ids: string[] = [];

  constructor(options: NearDedupOptions = {}) {
    this.options = resolveNearDedupOptions(options);
    this.lsh = new LshIndex(this.options.minhash);
  }

  /** Returns the id of the earlier document this one duplicates, or null (and then indexes it under `id`). */
  check(id: string, text: string): string | null {
    const hashes = shingleHashes(text, this.options.minhash);
    return this.checkHashed(id, hashes, minhashFromHashes(hashes, this.options.minhash));
  }

  /** {@link check} with the shingle hashes and signature already computed (e.g. on a worker thread). */
  checkHashed(id: string, hashes: Uint32Array, sig: Uint32Array): string | null {
    const dup = this.findDuplicate(hashes, sig);
    if (dup !== null) return this.ids[dup]!;
    this.lsh.add(id, sig);
    this.ids.push(id);
    this.kept.push(this.options.verify === 'jaccard' ? hashes : this.options.verify === 'signature' ? sig : null);
    return null;
  }

  private findDuplicate(hashes: Uint32Array, sig: Uint32Array): number | null {
    if (hashes.length === 0) return null; // nothing to compare: exact dedup handles empty texts
    for (const c of this.lsh.queryIndices(sig)) {
      const { verify, threshold } = this.options;
      if (verify === 'none') return c;
      const stored = this.kept[c]!;
      const sim = verify === 'jaccard' ? jaccardOfHashes(hashes, stored) : signatureSimilarity(sig, stored);
      if (sim >= threshold) return c;
    }
    return null;
  }
}

/** Fraction of equal positions: the MinHash estimate of Jaccard similarity. */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}
