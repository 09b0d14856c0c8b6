// Must-hold from the issue: no memory growth — RSS after 2,000 steps within 5% of RSS after 200.
import t from 'tap';
import { GPT } from '../../lib/model/index.js';
import { train } from '../../lib/train/index.js';

t.test('RSS after 2000 steps stays within 5% of RSS after 200', async (t) => {
  const model = GPT.create({ vocabSize: 128, nPositions: 32, nEmbd: 32, nLayer: 2, nHead: 2 }, { seed: 1 });
  const data = new Uint16Array(50_000).map((_, i) => (i * 31 + (i >> 3)) % 128);
  const rss = new Map<number, number>();
  await train(model, {
    trainData: data, valData: data.subarray(0, 2000), evalEvery: 100, evalSteps: 2, batchSize: 4, contextLength: 32,
    maxSteps: 2000, threads: 1, logEvery: 100,
    onProgress: (e) => { if (e.type === 'step' && (e.step === 200 || e.step === 2000)) rss.set(e.step, process.memoryUsage().rss); },
  });
  const growth = rss.get(2000)! / rss.get(200)! - 1;
  t.comment(`RSS ${(rss.get(200)! / 1e6).toFixed(1)} MB -> ${(rss.get(2000)! / 1e6).toFixed(1)} MB (${(100 * growth).toFixed(2)}%)`);
  t.ok(growth < 0.05, `growth ${growth}`);
});
