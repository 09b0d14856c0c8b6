/**
 * mulberry32: a tiny seeded PRNG returning floats in [0, 1). Used wherever lmforge needs a reproducible
 * order (shuffled few-shot examples, stratified sampling, synthetic-data mixing): same seed, same sequence.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
