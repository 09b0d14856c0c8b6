import t from 'tap';
import { getEncoding } from 'js-tiktoken';
import { compareTokenizers, Tokenizer, trainBpe } from '../../lib/tokenizer/index.js';
import { gpt2Files, sotuTexts } from './data.js';

t.test('counts, ratios and term splits against independent counts', async (t) => {
  const texts = sotuTexts(30);
  const domain = await trainBpe({ texts, vocabSize: 2000 });
  const gpt2 = await Tokenizer.fromGpt2(...gpt2Files);
  const result = await compareTokenizers(texts, {
    tokenizers: { domain, ours_gpt2: gpt2, gpt2: 'gpt2', cl100k: 'cl100k' },
    terms: ['tokenization', 'appropriations'],
  });
  // Independent counts: js-tiktoken directly, and our tokenizers' own encode.
  const tik = getEncoding('gpt2');
  const cl = getEncoding('cl100k_base');
  const count = (f: (s: string) => ArrayLike<number>): number => texts.reduce((n, s) => n + f(s).length, 0);
  const want = { domain: count((s) => domain.encode(s)), ours_gpt2: count((s) => gpt2.encode(s)), gpt2: count((s) => tik.encode(s, [], [])), cl100k: count((s) => cl.encode(s, [], [])) };
  const byName = Object.fromEntries(result.rows.map((r) => [r.name, r]));
  for (const [name, n] of Object.entries(want)) t.equal(byName[name]!.tokens, n, `${name} token count`);
  t.equal(byName.ours_gpt2!.tokens, byName.gpt2!.tokens, 'our GPT-2 and js-tiktoken agree');
  t.equal(byName.ours_gpt2!.fewerTokensThan.gpt2, 0);
  const d = byName.domain!;
  t.equal(d.fewerTokensThan.gpt2, Math.round((10000 * (want.gpt2 - want.domain)) / want.gpt2) / 100);
  t.equal(d.charsPerToken, Math.round((10000 * texts.reduce((n, s) => n + s.length, 0)) / want.domain) / 10000);
  t.ok(d.words > 0 && Math.abs(d.tokensPerWord - want.domain / d.words) < 1e-4);
  const term = result.terms.find((x) => x.term === 'tokenization')!;
  t.same(term.pieces.gpt2, [' token', 'ization'], 'GPT-2 splits " tokenization" as Ġtoken|ization');
  t.same(term.pieces.ours_gpt2, term.pieces.gpt2);
  t.match(result.table, /tokenizer\s+tokens\s+tokens\/word/);
  t.match(result.table, /tokenization\s+/);
});

t.test('bad input', async (t) => {
  await t.rejects(compareTokenizers(['x'], { tokenizers: {} }), { code: 'BAD_ARGUMENT' });
  await t.rejects(compareTokenizers([], { tokenizers: { gpt2: 'gpt2' } }), { code: 'EMPTY_CORPUS' });
  await t.rejects(compareTokenizers(['x'], { tokenizers: { x: 'llama' as 'gpt2' } }), TypeError);
});
