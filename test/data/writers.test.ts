import t from 'tap';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { jsonlWriter, parquetWriter } from '../../lib/data/index.js';

const rec = (i: number) => ({ id: `r${i}`, text: `text number ${i}`, meta: { i } });

t.test('jsonl writer: size-limited shards, hashes match the bytes, gzip reproducible', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'lmforge-w-'));
  // Each line is 54-55 bytes: {"id":"r0","text":"text number 0","meta":{"i":0}}\n; maxBytes 120 -> 3 lines per shard.
  const w = jsonlWriter({ maxBytes: 120 });
  await w.open(d, 'data');
  for (let i = 0; i < 7; i++) await w.write(rec(i));
  const shards = await w.close();
  t.same(shards.map((s) => [s.path, s.records]), [['data-00000.jsonl', 3], ['data-00001.jsonl', 3], ['data-00002.jsonl', 1]]);
  for (const s of shards) {
    const bytes = readFileSync(join(d, s.path));
    t.equal(s.sha256, createHash('sha256').update(bytes).digest('hex'));
    t.equal(s.bytes, bytes.length);
  }
  t.same(JSON.parse(readFileSync(join(d, 'data-00002.jsonl'), 'utf8')), rec(6));
  const hashes: string[] = [];
  for (const sub of ['g1', 'g2']) {
    const g = jsonlWriter({ gzip: true, maxRecords: 4 });
    await g.open(join(d, sub), 'part');
    for (let i = 0; i < 6; i++) await g.write(rec(i));
    const out = await g.close();
    hashes.push(out.map((s) => s.sha256).join());
    t.equal(gunzipSync(readFileSync(join(d, sub, 'part-00001.jsonl.gz'))).toString().trim().split('\n').length, 2);
    t.same(readdirSync(join(d, sub)).sort(), ['part-00000.jsonl.gz', 'part-00001.jsonl.gz']);
  }
  t.equal(hashes[0], hashes[1], 'gzip output is byte-reproducible');
});

t.test('parquet writer: byte limit starts new shards', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'lmforge-w-'));
  // id (2) + text (13-14) + meta ({"i":0} = 7) = 22-23 bytes per record; 50 bytes -> 3 per shard.
  const w = parquetWriter({ maxBytes: 50 });
  await w.open(d, 'data');
  for (let i = 0; i < 7; i++) await w.write(rec(i));
  t.same((await w.close()).map((s) => s.records), [3, 3, 1]);
  t.throws(() => parquetWriter({ maxBytes: 0 }), /maxBytes/);
});
