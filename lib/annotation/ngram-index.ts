import { LmforgeError } from '../errors.js';
import { BloomFilter } from './bloom.js';
import { countWords, forEachNgram, normalizeForNgrams } from './ngrams.js';

export interface NgramIndexOptions {
  /** Words per n-gram (default 13, as in the GPT-3 paper's contamination study). */
  n?: number;
  /** Target false-positive rate per n-gram lookup (default 1e-6). */
  falsePositiveRate?: number;
  /** N-grams the index will hold; counted with a first pass over `texts` when omitted (arrays only). */
  expectedNgrams?: number;
  /** Hard cap on the filter's memory; when it binds, the false-positive rate is higher (see `describe()`). */
  maxBytes?: number;
}

export interface NgramIndexInfo {
  n: number;
  documents: number;
  ngrams: number;
  bits: number;
  bytes: number;
  hashes: number;
  targetFalsePositiveRate: number;
  /** Rate predicted from the filter's size and the n-grams actually inserted. */
  expectedFalsePositiveRate: number;
}

export interface NgramOverlap {
  /** N-grams in the text (0 when it has fewer than n words). */
  ngrams: number;
  /** Of those, how many the index reports as present (may include false positives). */
  hits: number;
  /** hits / ngrams (0 for texts without n-grams). */
  fraction: number;
}

/**
 * Membership index of every word n-gram of a reference corpus (normally the training set) in a
 * Bloom filter: bounded memory (about 29 bits per n-gram at a 1e-6 rate) whatever the corpus
 * size, no false negatives. Lookups say which n-grams of an evaluation text were probably seen.
 */
export class NgramIndex {
  readonly n: number;
  readonly filter: BloomFilter;
  readonly targetFalsePositiveRate: number;
  private documents = 0;
  private ngrams = 0;

  constructor(options: { n?: number; falsePositiveRate?: number; expectedNgrams: number; maxBytes?: number }) {
    this.n = checkN(options.n ?? 13, 'NgramIndex');
    this.targetFalsePositiveRate = options.falsePositiveRate ?? 1e-6;
    if (!Number.isFinite(options.expectedNgrams) || options.expectedNgrams < 0) {
      throw new LmforgeError('E_OPTION', `NgramIndex: expectedNgrams must be a non-negative number, got ${options.expectedNgrams}`);
    }
    const sizing: { expectedItems: number; falsePositiveRate: number; maxBytes?: number } = {
      expectedItems: options.expectedNgrams,
      falsePositiveRate: this.targetFalsePositiveRate,
    };
    if (options.maxBytes !== undefined) sizing.maxBytes = options.maxBytes;
    this.filter = BloomFilter.forCapacity(sizing);
  }

  /**
   * Builds an index over `texts`. Without `expectedNgrams`, an array is scanned once to count
   * n-grams so the filter gets its optimal size; a one-shot iterable needs `expectedNgrams`.
   */
  static build(texts: Iterable<string>, options: NgramIndexOptions = {}): NgramIndex {
    const n = checkN(options.n ?? 13, 'NgramIndex.build');
    let expected = options.expectedNgrams;
    if (expected === undefined) {
      if (!Array.isArray(texts)) {
        throw new LmforgeError('E_OPTION', 'NgramIndex.build: texts is not an array, so it cannot be counted first; pass options.expectedNgrams');
      }
      expected = 0;
      for (const t of texts as string[]) expected += Math.max(0, countWords(t, false) - n + 1);
    }
    const init: { n: number; falsePositiveRate?: number; expectedNgrams: number; maxBytes?: number } = { n, expectedNgrams: expected };
    if (options.falsePositiveRate !== undefined) init.falsePositiveRate = options.falsePositiveRate;
    if (options.maxBytes !== undefined) init.maxBytes = options.maxBytes;
    const index = new NgramIndex(init);
    for (const t of texts) index.add(t);
    return index;
  }

  add(text: string): void {
    const f = this.filter;
    this.ngrams += forEachNgram(text, this.n, (h1, h2) => f.add(h1, h2));
    this.documents++;
  }

  overlap(text: string): NgramOverlap {
    const f = this.filter;
    let hits = 0;
    const total = forEachNgram(text, this.n, (h1, h2) => {
      if (f.has(h1, h2)) hits++;
    });
    return { ngrams: total, hits, fraction: total === 0 ? 0 : hits / total };
  }

  describe(): NgramIndexInfo {
    return {
      n: this.n,
      documents: this.documents,
      ngrams: this.ngrams,
      bits: this.filter.bits,
      bytes: this.filter.bytes,
      hashes: this.filter.hashes,
      targetFalsePositiveRate: this.targetFalsePositiveRate,
      expectedFalsePositiveRate: this.filter.expectedFalsePositiveRate(this.ngrams),
    };
  }
}

/** 53-bit exact key of an n-gram hash pair (for verification maps; collisions ~2^-53). */
export function ngramKey(h1: number, h2: number): number {
  return h1 * 2097152 + (h2 >>> 11);
}

export { normalizeForNgrams };

function checkN(n: number, where: string): number {
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new LmforgeError('E_OPTION', `${where}: n must be an integer in [1, 64], got ${n}`);
  return n;
}
