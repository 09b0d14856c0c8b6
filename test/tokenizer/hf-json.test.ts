import t from 'tap';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer, trainBpe } from '../../lib/tokenizer/index.js';
import { gpt2Files, mailTexts, randomText, rng, sotuTexts, wellFormed } from './data.js';

// The reference: Hugging Face tokenizers (npm 0.23.2, the Rust library).
const require = createRequire(import.meta.url);
const hf = require('tokenizers') as typeof import('tokenizers');

const dir = mkdtempSync(join(tmpdir(), 'lmforge-hfjson-'));
const docs = [...sotuTexts(25), ...mailTexts(80)];
const next = rng(5);
const randoms = Array.from({ length: 100 }, () => wellFormed(randomText(next, 50)));

async function sameIds(t: Tap.Test, ours: Tokenizer, theirs: InstanceType<typeof hf.Tokenizer>, texts: string[], what: string): Promise<void> {
  const enc = await theirs.encodeBatch(texts);
  const differing = texts.map((s, i) => (ours.encode(s).join() === enc[i]!.getIds().join() ? -1 : i)).filter((i) => i >= 0);
  t.same(differing, [], `${what}: all ${texts.length} texts identical`);
}

t.test('a trained tokenizer saved by lmforge encodes identically in HF tokenizers', async (t) => {
  const tok = await trainBpe({ texts: sotuTexts(5), vocabSize: 3000, specialTokens: ['<|endoftext|>', '<pad>'] });
  const path = join(dir, 'trained.json');
  await tok.save(path);
  const theirs = hf.Tokenizer.fromFile(path);
  t.equal(theirs.getVocabSize(true), 3000);
  await sameIds(t, tok, theirs, [...docs, ...randoms, 'a<pad>b<|endoftext|>'], 'trained 3k');
  const ids = Array.from(tok.encode(docs[0]!));
  t.equal(await theirs.decode(ids, false), docs[0], 'HF decodes our ids back to the text');
  const back = await Tokenizer.load(path);
  t.same(back.toJSON(), tok.toJSON(), 'load(save(x)) is the same tokenizer');
});

t.test('GPT-2 written as tokenizer.json encodes identically in HF tokenizers', async (t) => {
  // tokenizer.json regexes treat \s as Unicode White_Space, so compare the 'unicode' flavour of GPT-2.
  const gpt2 = await Tokenizer.fromGpt2(...gpt2Files, { whitespace: 'unicode' });
  t.equal(gpt2.whitespace, 'unicode');
  const path = join(dir, 'gpt2.json');
  await gpt2.save(path, { pretty: false });
  await sameIds(t, gpt2, hf.Tokenizer.fromFile(path), [...docs, ...randoms], 'gpt2');
});

t.test('other pre-tokenizers survive the HF round trip', async (t) => {
  for (const preTokenizer of ['cl100k', 'whitespace', 'digits'] as const) {
    const tok = await trainBpe({ texts: sotuTexts(20), vocabSize: 800, preTokenizer });
    const path = join(dir, `${preTokenizer}.json`);
    await tok.save(path);
    await sameIds(t, tok, hf.Tokenizer.fromFile(path), [...docs.slice(0, 40), ...randoms], preTokenizer);
    t.equal((await Tokenizer.load(path)).preTokenizer, preTokenizer);
  }
});

t.test('Llama-3 style: cl100k split, ByteLevel without regex, ignore_merges', async (t) => {
  const tok = await trainBpe({ texts: sotuTexts(15), vocabSize: 1500, preTokenizer: 'cl100k', specialTokens: ['<|begin_of_text|>'] });
  const json = tok.toJSON() as { model: { ignore_merges: boolean }; pre_tokenizer: unknown };
  t.match(json.pre_tokenizer, { type: 'Sequence', pretokenizers: [{ type: 'Split', behavior: 'Isolated' }, { type: 'ByteLevel', use_regex: false }] });
  json.model.ignore_merges = true;
  const path = join(dir, 'llama3-style.json');
  writeFileSync(path, JSON.stringify(json));
  const ours = await Tokenizer.load(path);
  t.equal((ours.toJSON() as { model: { ignore_merges: boolean } }).model.ignore_merges, true);
  await sameIds(t, ours, hf.Tokenizer.fromFile(path), [...docs.slice(0, 40), ...randoms, '<|begin_of_text|>Hi'], 'ignore_merges');
});

t.test('loads a tokenizer.json trained by HF (add_prefix_space, partial byte alphabet)', async (t) => {
  const corpus = join(dir, 'corpus.txt');
  writeFileSync(corpus, sotuTexts(30).join('\n'));
  const theirs = new hf.Tokenizer(hf.BPE.empty());
  theirs.setPreTokenizer(hf.byteLevelPreTokenizer());
  theirs.train([corpus]);
  theirs.addSpecialTokens(['<s>']);
  const path = join(dir, 'hf-trained.json');
  theirs.save(path);
  t.match(JSON.parse(readFileSync(path, 'utf8')).pre_tokenizer, { type: 'ByteLevel', add_prefix_space: true });
  const ours = await Tokenizer.load(path);
  t.equal(ours.vocabSize, theirs.getVocabSize(true));
  await sameIds(t, ours, theirs, [...docs, ...randoms, 'x<s>y'], 'HF-trained');
});

t.test('malformed files: errors name the file and field', async (t) => {
  const good = (await trainBpe({ texts: ['ab ab'], vocabSize: 258 })).toJSON() as { model: { vocab: Record<string, number>; merges: unknown[] } };
  const write = (name: string, value: unknown): string => {
    const p = join(dir, name);
    writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
    return p;
  };
  const clone = (): typeof good => JSON.parse(JSON.stringify(good)) as typeof good;
  await t.rejects(Tokenizer.load(write('notjson.json', '{ nope')), { code: 'BAD_TOKENIZER_JSON', message: /notjson\.json: not valid JSON/ });
  await t.rejects(Tokenizer.load(join(dir, 'missing.json')), { code: 'FILE_UNREADABLE' });
  await t.rejects(Tokenizer.load(write('nomodel.json', { version: '1.0' })), { code: 'BAD_TOKENIZER_JSON', message: /nomodel\.json: model is missing/ });
  const noVocab = clone() as unknown as { model: Record<string, unknown> };
  delete noVocab.model.vocab;
  await t.rejects(Tokenizer.load(write('novocab.json', noVocab)), { message: /model\.vocab is missing/ });
  const badMerge = clone();
  badMerge.model.merges.push(['zz', 'q']);
  await t.rejects(Tokenizer.load(write('badmerge.json', badMerge)), { code: 'BAD_TOKENIZER_JSON', message: /model\.merges\[2\] refers to "zz", which is not in model\.vocab/ });
  const gap = clone();
  delete gap.model.vocab['ab'];
  await t.rejects(Tokenizer.load(write('gap.json', gap)), { message: /has no token with id 256|refers to|makes/ });
  const wordPiece = clone() as unknown as { model: Record<string, unknown> };
  wordPiece.model.type = 'WordPiece';
  await t.rejects(Tokenizer.load(write('wp.json', wordPiece)), { code: 'UNSUPPORTED_TOKENIZER', message: /model\.type "WordPiece" is not BPE/ });
  const noPre = clone() as unknown as Record<string, unknown>;
  noPre.pre_tokenizer = null;
  await t.rejects(Tokenizer.load(write('nopre.json', noPre)), { message: /pre_tokenizer is missing/ });
  // GPT-2 files with a merge naming an unknown token.
  const merges = write('vocab.bpe', '#version: 0.2\nĠ t\nq zzz\n');
  await t.rejects(Tokenizer.fromGpt2(gpt2Files[0], merges), { code: 'BAD_TOKENIZER_FILE', message: /"zzz", which is not in encoder\.json/ });
  await t.rejects(Tokenizer.fromGpt2(gpt2Files[0], write('bad.bpe', '#version: 0.2\nonly-one-part\n')), { message: /bad\.bpe:2: expected "left right"/ });
});
