import { LmforgeError } from '../errors.js';

export interface BloomSizing {
  /** Items expected to be inserted. */
  expectedItems: number;
  /** Target false-positive rate per lookup at that load (e.g. 1e-6). */
  falsePositiveRate: number;
  /** Upper bound on the bit array; when the target needs more, the filter is capped and its rate rises. */
  maxBytes?: number;
}

const BLOCK_BITS = 512; // one 64-byte cache line
const BLOCK_WORDS = BLOCK_BITS / 32;
/** Blocks are addressed from a 32-bit hash, so 2^32 blocks (256 GiB) is far beyond any use. */
const MAX_BLOCKS = 2 ** 26; // 4 GiB: a sanity bound, not a design limit

function poissonTerms(lambda: number): { j: number; p: number }[] {
  const out: { j: number; p: number }[] = [];
  const hi = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 30);
  let logp = -lambda; // log P(0)
  for (let j = 0; j <= hi; j++) {
    if (j > 0) logp += Math.log(lambda) - Math.log(j);
    out.push({ j, p: Math.exp(logp) });
  }
  return out;
}

/**
 * False-positive rate of a blocked Bloom filter with `blocks` blocks of 512 bits and k probes per
 * item after `items` inserts: the number of items landing in a block is ~Poisson(items / blocks),
 * and a block holding j items answers a random query wrongly with probability
 * (1 - (1 - 1/512)^{jk})^k (Putze, Sanders & Singler 2007).
 */
export function blockedFalsePositiveRate(blocks: number, hashes: number, items: number): number {
  if (items <= 0) return 0;
  const q = 1 - 1 / BLOCK_BITS;
  let sum = 0;
  for (const { j, p } of poissonTerms(items / blocks)) sum += p * (1 - q ** (j * hashes)) ** hashes;
  return sum;
}

/**
 * A blocked Bloom filter over items already hashed to two 32-bit values: `h1` picks one 512-bit
 * block (a cache line), `h2` seeds the k bit positions inside it. One cache miss per lookup
 * instead of k is what makes indexing a 100 MB corpus's n-grams fast; the price is a little more
 * memory than a classic filter for the same rate, which {@link BloomFilter.forCapacity} accounts
 * for with the exact blocked formula. Memory is fixed at creation; there are no false negatives.
 */
export class BloomFilter {
  readonly bits: number;
  readonly hashes: number;
  private readonly blocks: number;
  private readonly words: Uint32Array;
  private inserted = 0;

  constructor(bits: number, hashes: number) {
    if (!Number.isInteger(bits) || bits < BLOCK_BITS || bits > MAX_BLOCKS * BLOCK_BITS) {
      throw new LmforgeError('E_OPTION', `BloomFilter: bits must be an integer in [${BLOCK_BITS}, ${MAX_BLOCKS * BLOCK_BITS}], got ${bits}`);
    }
    if (!Number.isInteger(hashes) || hashes < 1 || hashes > 64) {
      throw new LmforgeError('E_OPTION', `BloomFilter: hashes must be an integer in [1, 64], got ${hashes}`);
    }
    this.blocks = Math.ceil(bits / BLOCK_BITS);
    this.bits = this.blocks * BLOCK_BITS;
    this.hashes = hashes;
    this.words = new Uint32Array(this.blocks * BLOCK_WORDS);
  }

  /**
   * Smallest filter meeting `falsePositiveRate` at `expectedItems` (by the blocked formula), with
   * the best k for that size; capped by `maxBytes`, in which case the rate is whatever that size gives.
   */
  static forCapacity(sizing: BloomSizing): BloomFilter {
    const { expectedItems, falsePositiveRate: p } = sizing;
    if (!(p > 0 && p < 1)) throw new LmforgeError('E_OPTION', `BloomFilter: falsePositiveRate must be in (0, 1), got ${p}`);
    if (!(expectedItems >= 0) || !Number.isFinite(expectedItems)) {
      throw new LmforgeError('E_OPTION', `BloomFilter: expectedItems must be a non-negative number, got ${expectedItems}`);
    }
    const n = Math.max(1, Math.ceil(expectedItems));
    let maxBlocks = MAX_BLOCKS;
    if (sizing.maxBytes !== undefined) {
      if (!(sizing.maxBytes >= BLOCK_BITS / 8)) throw new LmforgeError('E_OPTION', `BloomFilter: maxBytes must be >= ${BLOCK_BITS / 8}, got ${sizing.maxBytes}`);
      maxBlocks = Math.min(maxBlocks, Math.floor((sizing.maxBytes * 8) / BLOCK_BITS));
    }
    // Start from the classic size (-n ln p / ln^2 2) and grow 2% at a time until the blocked rate fits.
    let blocks = Math.max(1, Math.ceil((-n * Math.log(p)) / (Math.LN2 * Math.LN2) / BLOCK_BITS));
    for (;;) {
      blocks = Math.min(blocks, maxBlocks);
      const best = bestHashes(blocks, n);
      if (best.rate <= p || blocks === maxBlocks) return new BloomFilter(blocks * BLOCK_BITS, best.k);
      blocks = Math.ceil(blocks * 1.02);
    }
  }

  add(h1: number, h2: number): void {
    const words = this.words;
    const base = (h1 % this.blocks) * BLOCK_WORDS;
    let s = h2 | 0;
    for (let i = 0; i < this.hashes; i++) {
      // A bijective mix per probe, so two items share all positions only if their h2 are equal.
      s = (Math.imul(s ^ (s >>> 16), 0x45d9f3b) + 0x9e3779b9) | 0;
      const bit = s >>> 23; // top 9 bits: 0..511
      words[base + (bit >>> 5)]! |= 1 << (bit & 31);
    }
    this.inserted++;
  }

  has(h1: number, h2: number): boolean {
    const words = this.words;
    const base = (h1 % this.blocks) * BLOCK_WORDS;
    let s = h2 | 0;
    for (let i = 0; i < this.hashes; i++) {
      s = (Math.imul(s ^ (s >>> 16), 0x45d9f3b) + 0x9e3779b9) | 0;
      const bit = s >>> 23;
      if ((words[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Insert calls so far (duplicates included). */
  get count(): number {
    return this.inserted;
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  /** Fraction of bits set. */
  fillRatio(): number {
    let ones = 0;
    for (let i = 0; i < this.words.length; i++) ones += popcount(this.words[i]!);
    return ones / this.bits;
  }

  /** False-positive rate implied by the actual fill: the mean over blocks of (bits set / 512)^k. */
  estimatedFalsePositiveRate(): number {
    let sum = 0;
    for (let b = 0; b < this.blocks; b++) {
      let ones = 0;
      for (let w = 0; w < BLOCK_WORDS; w++) ones += popcount(this.words[b * BLOCK_WORDS + w]!);
      sum += (ones / BLOCK_BITS) ** this.hashes;
    }
    return sum / this.blocks;
  }

  /** Rate predicted for `items` distinct inserts (blocked formula). */
  expectedFalsePositiveRate(items: number): number {
    return blockedFalsePositiveRate(this.blocks, this.hashes, items);
  }
}

function bestHashes(blocks: number, n: number): { k: number; rate: number } {
  const k0 = Math.min(64, Math.max(1, Math.round(((blocks * BLOCK_BITS) / n) * Math.LN2)));
  let best = { k: k0, rate: Infinity };
  for (let k = Math.max(1, k0 - 4); k <= Math.min(64, k0 + 4); k++) {
    const rate = blockedFalsePositiveRate(blocks, k, n);
    if (rate < best.rate) best = { k, rate };
  }
  return best;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
