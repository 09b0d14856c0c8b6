// bf16 autocast on CPU trains as well as fp32 on the same data and seed; fp16 on CPU is a clear error.
import t from 'tap';
import { GPT } from '../../lib/model/gpt.js';
import { train } from '../../lib/train/train.js';

const data = Uint16Array.from(Buffer.from('hello world, this is a test of mixed precision. '.repeat(200), 'latin1'));
const config = { vocabSize: 256, nPositions: 32, nEmbd: 32, nLayer: 2, nHead: 2, dropout: 0 };

t.test('bf16 on CPU', async (t) => {
  const losses: Record<string, number> = {};
  for (const precision of ['fp32', 'bf16'] as const) {
    const model = GPT.create(config, { seed: 1 });
    const s = await train(model, { trainData: data, batchSize: 8, contextLength: 32, maxSteps: 60, lr: 3e-3, precision, seed: 1 });
    t.equal(s.stopReason, 'max_steps');
    losses[precision] = s.lastLoss;
  }
  t.ok(losses.fp32! < Math.log(256) * 0.5, `fp32 learned (loss ${losses.fp32!.toFixed(3)} vs ln 256 = 5.545 at start)`);
  t.ok(Math.abs(losses.bf16! - losses.fp32!) / losses.fp32! < 0.1, `bf16 loss ${losses.bf16!.toFixed(3)} within 10% of fp32 ${losses.fp32!.toFixed(3)}`);
});

t.test('fp16 needs CUDA', async (t) => {
  const model = GPT.create(config, { seed: 1 });
  await t.rejects(train(model, { trainData: data, batchSize: 8, contextLength: 32, maxSteps: 2, precision: 'fp16' }), { message: /precision 'fp16' needs a CUDA device/ });
});
