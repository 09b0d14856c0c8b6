import t from 'tap';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import {
  runPipeline, jsonlReader, textReader, jsonlWriter, CleanStep, ExactDedupStep, newStepStats, readManifest, diffManifests,
  formatManifestDiff, resolveShard, type Step, type DataRecord,
} from '../../lib/data/index.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'lmforge-pipe-'));

function input(dir: string): string {
  const lines = [
    JSON.stringify({ text: '<p>Hello &amp; welcome</p>' }),
    JSON.stringify({ text: 'hello & welcome' }), // exact duplicate of line 1 after cleaning + normalisation
    '{broken json',
    JSON.stringify({ text: 'short' }),
    JSON.stringify({ nottext: 1 }),
    JSON.stringify({ text: 'A third document that is long enough.' }),
    JSON.stringify({ text: 'boom' }),
  ];
  const p = join(dir, 'in.jsonl');
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

// A step with a rule: drops texts under 6 characters, throws on "boom" (to exercise step rejects).
class MinLength implements Step<{ min: number }> {
  readonly name = 'min_length';
  readonly config = { min: 6 };
  readonly stats = newStepStats();
  process(r: DataRecord) {
    if (r.text === 'boom') throw new Error('cannot handle boom');
    return r.text.length < this.config.min ? { drop: 'too_short' } : r;
  }
}

t.test('funnel, rejects, stats, manifest', async (t) => {
  const d = tmp();
  const out = join(d, 'out');
  const stats = await runPipeline({
    reader: jsonlReader({ paths: input(d) }),
    steps: [new CleanStep(), new MinLength(), new ExactDedupStep()],
    writer: jsonlWriter({ gzip: true }),
    outputDir: out,
    batchSize: 2,
  });
  t.equal(stats.in, 7);
  t.equal(stats.kept, 2);
  t.same(stats.filtered, { 'min_length/too_short': 1, 'exact_dedup/exact_duplicate': 1 });
  t.equal(stats.rejected, 3);
  t.same(stats.rejectedBy, { read: 2, min_length: 1 });
  t.equal(stats.in, stats.kept + 2 + stats.rejected);
  const lines = gunzipSync(readFileSync(join(out, 'data-00000.jsonl.gz'))).toString().trim().split('\n').map((l) => JSON.parse(l));
  t.same(lines.map((l) => l.text), ['Hello & welcome', 'A third document that is long enough.']);
  t.equal(lines[0].id, 'in.jsonl:1');
  const rejects = readFileSync(join(out, 'rejects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.same(rejects.map((r) => [r.source, r.line ?? r.id, r.reason.slice(0, 12)]), [
    ['read', 3, 'bad JSON: Ex'], ['read', 5, 'missing text'], ['step', 'in.jsonl:7', 'cannot handl'],
  ]);
  const statsFile = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
  t.equal(statsFile.steps[0].stats.in, 5);
  t.equal(statsFile.steps[0].stats.counters.html_docs, 1);
  const m = await readManifest(out);
  t.equal(m.counts.kept, 2);
  t.equal(m.inputs.length, 1);
  t.match(m.inputs[0]!.sha256, /^[0-9a-f]{64}$/);
  t.equal(m.outputs[0]!.records, 2);
  t.same(m.pipeline.steps.map((s) => s.name), ['clean', 'min_length', 'exact_dedup']);
  t.same(readdirSync(out).sort(), ['data-00000.jsonl.gz', 'manifest.json', 'rejects.jsonl', 'stats.json'], 'no temp files left');
});

t.test('reproducible outputs and manifest diff', async (t) => {
  const d = tmp();
  const p = input(d);
  const run = (out: string, min = 6) => runPipeline({
    reader: jsonlReader({ paths: p }), steps: [new CleanStep(), Object.assign(new MinLength(), { config: { min } })],
    writer: jsonlWriter({ maxRecords: 1 }), outputDir: out,
  });
  await run(join(d, 'a'));
  await run(join(d, 'b'));
  await run(join(d, 'c'), 16);
  t.equal(readFileSync(join(d, 'a', 'manifest.json'), 'utf8'), readFileSync(join(d, 'b', 'manifest.json'), 'utf8'), 'byte-identical manifests');
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((x) => readManifest(join(d, x))));
  t.ok(diffManifests(a!, b!).identical);
  const diff = diffManifests(a!, c!);
  t.notOk(diff.identical);
  t.same(diff.config, [{ path: 'pipeline.steps[1].config.min', a: 6, b: 16 }]);
  // min 16 drops both 15-character greetings: 3 kept -> 1, so shards 1 and 2 vanish and shard 0 changes.
  t.same(diff.outputs, { added: [], removed: ['data-00001.jsonl', 'data-00002.jsonl'], changed: ['data-00000.jsonl'] });
  const text = formatManifestDiff(diff);
  t.match(text, /config pipeline\.steps\[1\]\.config\.min: 6 -> 16/);
  t.match(text, /count kept: 3 -> 1 \(-2\)/);
});

t.test('sharded runs partition the input and name their files', async (t) => {
  const d = tmp();
  const p = join(d, 'big.txt');
  writeFileSync(p, Array.from({ length: 10 }, (_, i) => `line number ${i}`).join('\n'));
  const out = join(d, 'out');
  const kept: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await runPipeline({ reader: textReader({ paths: p }), steps: [], writer: jsonlWriter(), outputDir: out, shard: `${i}/3` });
    kept.push(s.kept);
  }
  t.same(kept, [4, 3, 3]);
  t.ok(readdirSync(out).includes('manifest-00001-of-00003.json'));
  t.ok(readdirSync(out).includes('data-00002-of-00003-00000.jsonl'));
});

t.test('resolveShard', async (t) => {
  t.same(resolveShard('2/8', {}), { index: 2, count: 8 });
  t.equal(resolveShard(undefined, {}), undefined);
  t.same(resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '10' }), { index: 4, count: 10 });
  t.same(resolveShard(undefined, { JOB_COMPLETION_INDEX: '3', LMFORGE_SHARD_COUNT: '4' }), { index: 3, count: 4 });
  t.throws(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '3' }), /LMFORGE_SHARD_COUNT/);
  t.throws(() => resolveShard('8/8', {}), /index must be/);
  t.throws(() => resolveShard('x', {}), /i\/N/);
});

t.test('bad options are named', async (t) => {
  await t.rejects(runPipeline({ reader: jsonlReader({ paths: '/nonexistent' }), steps: [{} as Step], writer: jsonlWriter(), outputDir: tmp() }), /steps\[0\]/);
  t.throws(() => jsonlWriter({ maxRecords: 0 }), /maxRecords/);
});

t.test('a reader that fails mid-stream: earlier batches processed, error raised, no temp files left', async (t) => {
  const out = join(tmp(), 'out');
  let processed = 0;
  const reader = {
    name: 'flaky', config: {},
    async files() { return []; },
    async *read() {
      for (let i = 0; i < 5; i++) yield { record: { id: String(i), text: `doc ${i}`, meta: {} } };
      yield { reject: { file: 'x', line: 6, reason: 'bad line' } };
      throw new Error('disk went away');
    },
  };
  const counter: Step = { name: 'count', config: {}, stats: { in: 0, kept: 0, filtered: {}, counters: {} }, process: (r) => { processed++; return r; } };
  await t.rejects(runPipeline({ reader, steps: [counter], writer: jsonlWriter(), outputDir: out, batchSize: 2 }), /disk went away/);
  t.equal(processed, 5, 'records read before the failure went through the steps');
  t.same(readdirSync(out).filter((f) => f.startsWith('.')), [], 'no temp rejects file left behind');
});
