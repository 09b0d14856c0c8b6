// Diagnostics on real runs of the native training loop (not synthetic histories): a sane run is clean,
// a run with an absurd learning rate is flagged, and checkModelHealth reads the real GPT's parameters.
import t from 'tap';
import { GPT } from '../../lib/model/gpt.js';
import { train } from '../../lib/train/train.js';
import { diagnoseRun, checkModelHealth, diagnosticsCallback } from '../../lib/eval/index.js';
import type { TrainEvent } from '../../lib/model/contracts.js';

const text = 'the quick brown fox jumps over the lazy dog. '.repeat(200);
const data = Uint16Array.from(Buffer.from(text, 'latin1'));
const config = { vocabSize: 256, nPositions: 32, nEmbd: 32, nLayer: 2, nHead: 2, dropout: 0 };

async function run(lr: number, clip: number | undefined, extra: Partial<Parameters<typeof train>[1]> = {}): Promise<{ model: GPT; events: TrainEvent[]; stopReason: string }> {
  const model = GPT.create(config, { seed: 1 });
  const events: TrainEvent[] = [];
  const summary = await train(model, {
    trainData: data, valData: data, batchSize: 8, contextLength: 32, maxSteps: 60, lr, warmupSteps: 0,
    schedule: 'constant', evalEvery: 20, evalSteps: 2, seed: 1, logEvery: 1,
    ...(clip === undefined ? {} : { clipGradNorm: clip }), onProgress: (e) => events.push(e), ...extra,
  });
  return { model, events, stopReason: summary.stopReason };
}

t.test('a sane run has no error findings; a huge learning rate is flagged', async (t) => {
  const good = await run(3e-3, 1.0);
  t.ok(good.events.filter((e) => e.type === 'step').length >= 50, 'step events streamed');
  const clean = diagnoseRun(good.events);
  t.same(clean.findings.filter((f) => f.severity === 'error').map((f) => f.id), [], 'no errors on a healthy run');
  const bad = await run(50, undefined);
  const d = diagnoseRun(bad.events);
  t.ok(d.findings.length > 0, `findings on lr=50: ${d.findings.map((f) => f.id).join(', ')}`);
  t.ok(d.findings.some((f) => f.id === 'loss_explosion' || f.id === 'non_finite'), 'the blow-up itself is named');
  for (const f of d.findings) t.ok(f.steps.length > 0 && f.message.length > 0, `${f.id} cites steps`);
});

t.test('the live callback can stop a run', async (t) => {
  const cb = diagnosticsCallback({ onFinding: () => undefined, stopOnNonFinite: true });
  const controller = new AbortController();
  const model = GPT.create(config, { seed: 2 });
  const summary = await train(model, {
    trainData: data, batchSize: 8, contextLength: 32, maxSteps: 40, lr: 1e-3, seed: 2, logEvery: 1, signal: controller.signal,
    onProgress: (e) => { if (cb.onProgress(e)) controller.abort(); },
  });
  t.equal(summary.stopReason, 'max_steps', 'a healthy run is not stopped');
});

t.test('checkModelHealth reads the real model', async (t) => {
  const model = GPT.create(config, { seed: 3 });
  const h = checkModelHealth(model);
  const report = model.parameterReport();
  t.equal(h.totalParams, report.total);
  t.equal(h.trainableParams, report.trainable);
  t.ok(h.healthy, h.table);
  t.match(h.table, /h\.0\.attn\.c_attn/);
});
