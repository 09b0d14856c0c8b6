import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainBpe, type BpeTrainProgress } from '../../lib/tokenizer/index.js';
import { root, sotuTexts } from './data.js';

t.test('hand-computed merges on a tiny corpus', async (t) => {
  // 'aaa' is one piece: pairs (a,a) x2 -> merge 'aa' (id 256); then (aa,a) -> 'aaa' (257).
  // 'a' is byte-level id 64 (bytes are ordered by their byte-level code point, as GPT-2's ids 0..255).
  const tok = await trainBpe({ texts: ['aaa'], vocabSize: 258 });
  t.equal(tok.vocabSize, 258);
  t.equal(tok.idToToken(64), 'a');
  t.equal(tok.idToToken(256), 'aa');
  t.equal(tok.idToToken(257), 'aaa');
  t.same(Array.from(tok.encode('aaa')), [257]);
  // 'aaaa': (a,a) has the lowest rank, leftmost first -> [aa, a, a] -> [aa, aa]; no (aa,aa) merge.
  t.same(Array.from(tok.encode('aaaa')), [256, 256]);
  t.equal(tok.trainReport.uniqueWords, 1);
  t.equal(tok.trainReport.merges, 2);
});

t.test('equal counts: the smaller (left, right) id pair merges first', async (t) => {
  // Pieces 'ab' and ' cd': pairs (a=64,b=65), (Ġ=220,c=66), (c=66,d=67) all occur once.
  const tok = await trainBpe({ texts: ['ab cd'], vocabSize: 259 });
  t.same([256, 257, 258].map((id) => tok.idToToken(id)), ['ab', 'cd', 'Ġcd']);
});

t.test('special tokens come first, are cut out of the corpus, never split', async (t) => {
  const tok = await trainBpe({ texts: ['x<eos>y<eos>xy xy'], vocabSize: 262, specialTokens: ['<eos>', '<pad>'] });
  t.equal(tok.idToToken(0), '<eos>');
  t.equal(tok.idToToken(1), '<pad>');
  t.equal(tok.idToToken(2), '!', 'bytes follow the specials');
  t.same(Array.from(tok.encode('<pad>x<eos>')), [0 + 1, tok.tokenToId('x')!, 0]);
  t.notOk(tok.tokenToId('<eo'), 'no merge learned across the special token text');
});

t.test('deterministic, and close to the known SOTU result', async (t) => {
  const texts = sotuTexts(10);
  const a = await trainBpe({ texts, vocabSize: 2000 });
  const b = await trainBpe({ texts: (async function* () { yield* texts; })(), vocabSize: 2000, threads: 1 });
  t.same(a.toJSON(), b.toJSON(), 'same vocab and merges from an async iterable and one thread');
  t.equal(a.idToToken(256 + 0), 'Ġt', 'the most frequent pair of English text, as in GPT-2 (Ġt is its first merge)');
});

t.test('files, invalid UTF-8 counted, progress reported, minFrequency', async (t) => {
  const events: BpeTrainProgress[] = [];
  const file = join(root, 'test/fixtures/tokenizer/invalid-utf8.txt');
  const tok = await trainBpe({ files: [file], vocabSize: 300, onProgress: (p) => events.push(p) });
  // \xff, \xfe and the \xc3 before '(' are three invalid sequences.
  t.equal(tok.trainReport.invalidUtf8, 3);
  t.ok(events.some((e) => e.phase === 'count' && e.documents === 1));
  t.equal(events.at(-1)?.phase, 'done');
  t.equal(tok.decode(tok.encode('café')), 'café');
  const few = await trainBpe({ texts: ['ab ab ab cd'], vocabSize: 1000, minFrequency: 2 });
  // Words 'ab' x1, 'Ġab' x2, 'Ġcd' x1: (a,b) occurs 3 times -> 'ab'; then (Ġ,ab) 2 times -> 'Ġab';
  // (Ġ,c) and (c,d) occur once, below minFrequency 2, so training stops at 258.
  t.equal(few.vocabSize, 258);
  t.same([few.idToToken(256), few.idToToken(257)], ['ab', 'Ġab']);
});

t.test('bad input', async (t) => {
  await t.rejects(trainBpe({ texts: [], vocabSize: 300 }), { code: 'EMPTY_CORPUS' });
  await t.rejects(trainBpe({ texts: [''], vocabSize: 300 }), { code: 'EMPTY_CORPUS' });
  await t.rejects(trainBpe({ vocabSize: 300 }), { code: 'EMPTY_CORPUS' });
  await t.rejects(trainBpe({ texts: ['abc'], vocabSize: 257, specialTokens: ['<a>', '<b>'] }), { code: 'BAD_VOCAB_SIZE', message: /at least 256 \+ 2 special tokens = 258/ });
  await t.rejects(trainBpe({ files: ['/nonexistent/corpus.txt'], vocabSize: 300 }), { code: 'FILE_UNREADABLE', message: /nonexistent\/corpus\.txt/ });
  await t.rejects(trainBpe({ texts: ['a', 7 as unknown as string], vocabSize: 300 }), /options\.texts\[1\] must be a string/);
  await t.rejects(trainBpe({ texts: ['a'], vocabSize: 300, preTokenizer: 'nope' as 'gpt2' }), TypeError);
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-tok-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  await t.rejects(trainBpe({ files: [join(dir, 'empty.txt')], vocabSize: 300 }), { code: 'EMPTY_CORPUS' });
});

t.test('other pre-tokenizers train and round-trip', async (t) => {
  const texts = sotuTexts(40);
  for (const preTokenizer of ['cl100k', 'whitespace', 'digits'] as const) {
    const tok = await trainBpe({ texts, vocabSize: 600, preTokenizer });
    t.equal(tok.preTokenizer, preTokenizer);
    const s = 'In 1999 the Congress spent $12,345,678.\n\n  Done!';
    t.equal(tok.decode(tok.encode(s)), s, `${preTokenizer} round trip`);
    if (preTokenizer === 'digits') t.ok(tok.tokenize(' 1999').filter((p) => /\d/.test(p)).every((p) => p.length === 1), 'digits stay single');
  }
});
