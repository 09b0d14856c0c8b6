import t from 'tap';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ParallelStep, runPipeline, jsonlReader, jsonlWriter, CleanStep, GopherQualityFilter, LanguageFilter, NearDedupStep, mapStep, batchMapStep, applyStep,
} from '../../lib/data/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const shoutModule = pathToFileURL(join(here, '..', 'fixtures', 'data', 'shout-step.ts')).href;

t.test('ParallelStep keeps order, merges counters, rejects only the bad record', async (t) => {
  const step = await ParallelStep.create({ module: shoutModule, export: 'shoutStep', options: { suffix: '?' } }, { workers: 2 });
  t.teardown(() => step.close());
  t.equal(step.name, 'shout');
  const recs = ['a', 'b', 'skip', 'c', 'd', 'e', 'boom', 'f'].map((text, i) => ({ id: String(i), text, meta: {} }));
  const res = await applyStep(step, recs);
  t.same(res.kept.map((r) => r.text), ['A?', 'B?', 'C?', 'D?', 'E?', 'F?']);
  t.same(res.rejects, [{ id: '6', step: 'shout', reason: 'boom is not allowed' }]);
  t.same(step.stats.filtered, { skipped: 1 });
  t.ok(step.stats.counters['shouted']! >= 6, 'counters come back from the workers');
  await t.rejects(ParallelStep.create({ module: shoutModule, export: 'nope' }), /no export "nope"/);
});

t.test('workers: 2 gives byte-identical output to workers: 1', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'lmforge-par-'));
  const input = join(d, 'in.jsonl');
  const para = 'The committee met on Tuesday and agreed that the budget for the coming year should be spent on the new library, the park and the roads. ';
  const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ text: i % 7 === 0 ? `<p>${para}</p>`.repeat(2) + ` item ${i}` : i % 5 === 0 ? `Kurz ${i}` : `${para} Number ${i} of the series, with the details that matter to the town and the people who live in it.` }));
  writeFileSync(input, lines.join('\n') + '\n');
  const run = (workers: number, out: string) => runPipeline({
    reader: jsonlReader({ paths: input }),
    steps: [new CleanStep(), new LanguageFilter({ languages: ['en'] }), new GopherQualityFilter({ minDocWords: 20 }), new NearDedupStep()],
    writer: jsonlWriter(), outputDir: join(d, out), workers, batchSize: 64,
  });
  const a = await run(1, 'a');
  const b = await run(2, 'b');
  t.equal(readFileSync(join(d, 'b', 'data-00000.jsonl'), 'utf8'), readFileSync(join(d, 'a', 'data-00000.jsonl'), 'utf8'));
  t.same(b.filtered, a.filtered);
  t.equal(b.steps[0]!.stats.counters['chars_removed'], a.steps[0]!.stats.counters['chars_removed']);
  t.ok(a.kept > 0 && a.kept < 300);
  t.ok((a.filtered['near_dedup/near_duplicate'] ?? 0) > 10, 'the templated documents are near-duplicates');
  t.equal(readFileSync(join(d, 'b', 'manifest.json'), 'utf8'), readFileSync(join(d, 'a', 'manifest.json'), 'utf8'), 'threads leave no trace in the manifest');
  t.notMatch(readFileSync(join(d, 'b', 'data-00000.jsonl'), 'utf8'), /__lmforge_minhash/, 'precomputed signatures never reach the output');
});

t.test('mapStep and batchMapStep', async (t) => {
  const m = mapStep((r) => (r.text.length > 3 ? { ...r, text: r.text.trim() } : { drop: 'tiny' }), { name: 'trim' });
  const r1 = await applyStep(m, [{ id: '1', text: ' hello ', meta: {} }, { id: '2', text: 'hi', meta: {} }]);
  t.same(r1.kept.map((r) => r.text), ['hello']);
  t.same(m.stats.filtered, { tiny: 1 });
  const sizes: number[] = [];
  const b = batchMapStep((batch) => { sizes.push(batch.length); return batch.map((r) => ({ ...r, meta: { n: batch.length } })); }, { batchSize: 2 });
  const r2 = await applyStep(b, Array.from({ length: 5 }, (_, i) => ({ id: String(i), text: 'x', meta: {} })));
  t.same(sizes, [2, 2, 1]);
  t.equal(r2.kept.length, 5);
  const bad = batchMapStep(() => []);
  const r3 = await applyStep(bad, [{ id: '1', text: 'x', meta: {} }]);
  t.match(r3.rejects[0]!.reason, /one per record/);
});

t.test('a worker that dies fails the batch and its records are rejected, no hang', async (t) => {
  const step = await ParallelStep.create({ module: shoutModule, export: 'dieStep' }, { workers: 2 });
  t.teardown(() => step.close());
  const recs = ['a', 'die', 'b', 'c'].map((text, i) => ({ id: String(i), text, meta: {} }));
  const res = await applyStep(step, recs);
  t.equal(res.kept.length + res.rejects.length, 4);
  t.ok(res.rejects.length >= 1);
  t.match(res.rejects[0]!.reason, /exited with code 3|broken/);
});
