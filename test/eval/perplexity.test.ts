import t from 'tap';
import { perplexity } from '../../lib/eval/metrics/perplexity.js';
import { CharTokenizer, ContextLengthModel, UniformModel } from './stand-ins.js';

const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i % 7);

t.test('uniform model: perplexity equals the vocabulary size', async (tt) => {
  const r = await perplexity(new UniformModel(50, 16), 'hello world, twice over', { tokenizer: new CharTokenizer(), stride: 8 });
  tt.ok(Math.abs(r.perplexity - 50) < 1e-4, `got ${r.perplexity}`);
  tt.equal(r.tokens, 'hello world, twice over'.length - 1);
});

t.test('sliding window with overlap scores each token once, with the window context', async (tt) => {
  // n=10, ctx=4, stride=2. Windows [0,4) scores positions 1,2,3 (context 1,2,3 -> nll 1+1/2+1/3);
  // [2,6) scores 4,5 (context 2,3); [4,8) scores 6,7; [6,10) scores 8,9. Total 11/6 + 3*(1/2+1/3) = 26/6 over 9 tokens.
  const m = new ContextLengthModel(50, 8);
  const r = await perplexity(m, ids(10), { contextLength: 4, stride: 2 });
  tt.equal(r.windows, 4);
  tt.equal(r.tokens, 9);
  tt.ok(Math.abs(r.meanNll - 26 / 6 / 9) < 1e-6, `meanNll ${r.meanNll}`);
  tt.same(m.calls.map((c) => c.length), [4, 4, 4, 4]);
});

t.test('stride equal to context: window-start tokens are not scored (as HF)', async (tt) => {
  // [0,4): positions 1..3 -> 11/6; [4,8): 5..7 -> 11/6; [8,10): 9 -> 1. 7 tokens.
  const r = await perplexity(new ContextLengthModel(50, 8), ids(10), { contextLength: 4 });
  tt.equal(r.tokens, 7);
  tt.ok(Math.abs(r.meanNll - (22 / 6 + 1) / 7) < 1e-6);
  tt.ok(Math.abs(r.perplexity - Math.exp((22 / 6 + 1) / 7)) < 1e-5);
});

t.test('several documents pool per token; errors name the argument', async (tt) => {
  const m = new ContextLengthModel(50, 8);
  const r = await perplexity(m, [ids(3), ids(2)], { contextLength: 8 });
  // doc 0: 1 + 1/2 over 2 tokens; doc 1: 1 over 1 token.
  tt.equal(r.tokens, 3);
  tt.ok(Math.abs(r.meanNll - 2.5 / 3) < 1e-6);
  tt.equal(r.perDocument.length, 2);
  await tt.rejects(perplexity(m, ids(5), { contextLength: 9 }), /exceeds the model's context/);
  await tt.rejects(perplexity(m, ids(5), { contextLength: 4, stride: 5 }), /options.stride 5/);
  await tt.rejects(perplexity(m, 'text'), /options.tokenizer/);
  await tt.rejects(perplexity(m, [ids(1)]), /no document with 2 or more tokens/);
  await tt.rejects(perplexity(m, [[1, -2]] as number[][]), /input must be token ids/);
  const nan = new UniformModel(50, 8);
  nan.tokenLogProbs = async (x) => new Float32Array(x.length - 1).fill(NaN);
  await tt.rejects(perplexity(nan, ids(4)), /not finite/);
});
