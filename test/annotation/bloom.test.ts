import t from 'tap';
import { BloomFilter, blockedFalsePositiveRate } from '../../lib/annotation/bloom.js';
import { NgramIndex } from '../../lib/annotation/ngram-index.js';
import { countWords, forEachNgram } from '../../lib/annotation/ngrams.js';

// A small deterministic generator of 32-bit values (LCG + xorshift-multiply output mix).
function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) | 0;
    let x = s ^ (s >>> 15);
    x = Math.imul(x, 0x2c1b3c6d);
    x ^= x >>> 12;
    return x >>> 0;
  };
}

t.test('sizing: the smallest blocked filter whose exact rate meets the target', async (t) => {
  const f = BloomFilter.forCapacity({ expectedItems: 1_000_000, falsePositiveRate: 1e-6 });
  const rate = f.expectedFalsePositiveRate(1_000_000);
  t.ok(rate <= 1e-6, `rate ${rate} <= 1e-6`);
  // 2% smaller would miss the target (sizing grows in 2% steps from the classic size).
  const blocks = f.bits / 512;
  t.ok(blockedFalsePositiveRate(Math.floor(blocks / 1.02), f.hashes, 1_000_000) > 1e-6, 'not oversized');
  // A classic Bloom filter needs -ln(1e-6)/ln(2)^2 = 28.8 bits per item; blocking costs more.
  const bitsPerItem = f.bits / 1_000_000;
  t.ok(bitsPerItem > 28.8 && bitsPerItem < 45, `${bitsPerItem.toFixed(1)} bits per item`);
  // Hand check of the blocked formula with k = 1: sum_j Pois(j; L) (1 - (511/512)^j) is
  // 1 - E[(511/512)^J] = 1 - exp(-L/512) by the Poisson generating function; L = 100 -> 0.177413.
  t.ok(Math.abs(blockedFalsePositiveRate(1, 1, 100) - (1 - Math.exp(-100 / 512))) < 1e-12);
  const capped = BloomFilter.forCapacity({ expectedItems: 1_000_000, falsePositiveRate: 1e-6, maxBytes: 1 << 20 });
  t.equal(capped.bytes, 1 << 20, 'maxBytes bounds memory');
  t.ok(capped.expectedFalsePositiveRate(1_000_000) > 1e-3, 'and the stated rate rises accordingly');
  t.throws(() => BloomFilter.forCapacity({ expectedItems: 10, falsePositiveRate: 0 }), /falsePositiveRate must be in \(0, 1\)/);
});

t.test('no false negatives; measured false-positive rate matches the target', async (t) => {
  for (const [n, p] of [[50_000, 1e-2], [50_000, 1e-3]] as const) {
    const f = BloomFilter.forCapacity({ expectedItems: n, falsePositiveRate: p });
    const next = rng(n + Math.round(1 / p));
    const items: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const it: [number, number] = [next(), next()];
      items.push(it);
      f.add(it[0], it[1]);
    }
    t.ok(items.every(([a, b]) => f.has(a, b)), `no false negatives (n=${n}, p=${p})`);
    let fp = 0;
    const q = 400_000;
    for (let i = 0; i < q; i++) if (f.has(next(), next())) fp++;
    // Binomial(q, p): sd = sqrt(q p); allow 5 sd either side.
    const sd = Math.sqrt(q * p);
    t.ok(Math.abs(fp - q * p) < 5 * sd, `p=${p}: ${fp} false positives in ${q} (expected ${q * p})`);
    t.ok(Math.abs(f.estimatedFalsePositiveRate() - fp / q) < 0.2 * p, `fill-based estimate ${f.estimatedFalsePositiveRate()} near the measured rate`);
  }
});

t.test('n-grams: normalised words, rolling hashes equal recomputed ones', async (t) => {
  const seen: string[] = [];
  const a = forEachNgram('The  QUICK brown, fox!', 2, (h1, h2) => seen.push(`${h1}:${h2}`));
  t.equal(a, 3);
  const again: string[] = [];
  forEachNgram('the quick brown fox', 2, (h1, h2) => again.push(`${h1}:${h2}`));
  t.same(again, seen, 'case, spacing and punctuation do not matter');
  // The rolling window gives the same hash as hashing the n-gram on its own.
  const mid: string[] = [];
  forEachNgram('quick brown', 2, (h1, h2) => mid.push(`${h1}:${h2}`));
  t.equal(mid[0], seen[1]);
  t.equal(countWords('Ünïcode wörds, 42 and café'), 5);
  t.equal(forEachNgram('one two', 3, () => undefined), 0, 'fewer than n words: no n-grams');
  const idx = NgramIndex.build(['alpha beta gamma delta epsilon'], { n: 3 });
  t.same(idx.overlap('x alpha beta gamma y'), { ngrams: 3, hits: 1, fraction: 1 / 3 });
  t.equal(idx.describe().ngrams, 3);
  t.throws(() => NgramIndex.build((function* () { yield 'a'; })(), {}), /pass options.expectedNgrams/);
  t.throws(() => NgramIndex.build([], { n: 0 }), /n must be an integer in \[1, 64\]/);
});
