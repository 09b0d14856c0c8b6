import t from 'tap';
import { minhashSignature, LshIndex, jaccard, shingles, shingleHashes, jaccardOfHashes, type MinHashOptions } from '../../lib/data/dedup/minhash.js';
import { normalizeForHash, exactHash } from '../../lib/data/dedup/exact.js';

const word3: MinHashOptions = { shingle: 'word', n: 3, bands: 32, rows: 4 };

t.test('shingles and true Jaccard by hand', async (t) => {
  t.same(shingles('The cat sat, on the mat.', { ...word3, n: 2 }), ['the cat', 'cat sat', 'sat on', 'on the', 'the mat']);
  t.same(shingles('abcd', { shingle: 'char', n: 3, bands: 1, rows: 1 }), ['abc', 'bcd']);
  t.same(shingles('ab', { shingle: 'char', n: 3, bands: 1, rows: 1 }), ['ab']);
  // {a b, b c, c d} vs {a b, b c, c e}: 2 shared of 4 distinct = 0.5
  t.equal(jaccard('a b c d', 'a b c e', { ...word3, n: 2 }), 0.5);
  // char 2-grams of "abab" = {ab, ba}; of "abba" = {ab, bb, ba}: 2/3
  t.equal(jaccard('abab', 'abba', { shingle: 'char', n: 2, bands: 1, rows: 1 }), 2 / 3);
  t.equal(jaccard('Hello,  World!', 'hello world', { ...word3, n: 1 }), 1);
  t.equal(jaccard('', '', word3), 1);
});

t.test('signature estimates Jaccard', async (t) => {
  const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const a = words.slice(0, 300).join(' ');
  const b = words.slice(100, 400).join(' ');
  const opts: MinHashOptions = { shingle: 'word', n: 1, bands: 64, rows: 8 };
  const exact = jaccard(a, b, opts); // 200 / 400 = 0.5
  t.equal(exact, 0.5);
  t.equal(jaccardOfHashes(shingleHashes(a, opts), shingleHashes(b, opts)), 0.5);
  const sa = minhashSignature(a, opts);
  const sb = minhashSignature(b, opts);
  t.equal(sa.length, 512);
  let eq = 0;
  for (let i = 0; i < sa.length; i++) if (sa[i] === sb[i]) eq++;
  // std error of the estimate is sqrt(0.25/512) ~ 0.022; 4 sigma bound
  t.ok(Math.abs(eq / 512 - 0.5) < 0.09, `estimate ${eq / 512}`);
  t.same(minhashSignature(a, opts), sa, 'deterministic');
  t.notSame(minhashSignature(a, { ...opts, seed: 7 }), sa, 'seed changes the family');
});

t.test('LshIndex finds near copies, not unrelated text', async (t) => {
  const base = 'the quick brown fox jumps over the lazy dog while the farmer watches from the porch and drinks his tea slowly in the evening sun';
  const edited = base.replace('lazy', 'sleepy');
  const other = 'completely different words about compilers and type systems that share nothing with the sentence about animals at all really';
  const idx = new LshIndex(word3);
  idx.add('base', minhashSignature(base, word3));
  idx.add('other', minhashSignature(other, word3));
  t.same(idx.query(minhashSignature(edited, word3)), ['base']);
  t.same(idx.query(minhashSignature('nothing in common here at all friends', word3)), []);
  t.throws(() => idx.add('x', new Uint32Array(3)), /bands\*rows/);
  t.throws(() => new LshIndex({ ...word3, bands: 0 }), /bands/);
});

t.test('exact hash normalisation', async (t) => {
  t.equal(normalizeForHash('  Hello\u200b\tWORLD \n'), 'hello world');
  t.equal(normalizeForHash('ﬁne'), 'fine', 'NFKC ligature');
  t.equal(exactHash('Hello World'), exactHash('hello   world'));
  // sha256("hello world") from `printf 'hello world' | sha256sum`
  t.equal(exactHash('Hello World'), 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
  t.not(exactHash('hello world'), exactHash('hello world!'));
});
