import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { GPT, applyLora } from '../../lib/model/index.js';
import { train, writeTokenFile, listCheckpoints, readCheckpoint } from '../../lib/train/index.js';
import type { TrainEvent } from '../../lib/model/contracts.js';

const config = { vocabSize: 64, nPositions: 32, nEmbd: 32, nLayer: 2, nHead: 4 };
// A learnable sequence: a repeating pattern with a little noise.
const data = new Uint16Array(6000).map((_, i) => ((i % 13) * 5 + ((i * 2654435761) % 7 === 0 ? 1 : 0)) % 64);

t.test('bad input is rejected with clear errors', async (t) => {
  const model = GPT.create(config);
  const bad = Uint16Array.from(data);
  bad[1234] = 64;
  await t.rejects(train(model, { trainData: bad, contextLength: 16, maxSteps: 1 }), /token id 64 at position 1234 is >= the model's vocabSize 64/);
  await t.rejects(train(model, { trainData: data, contextLength: 33, maxSteps: 1 }), /contextLength 33 exceeds the model's nPositions 32/);
  await t.rejects(train(model, { trainData: data.subarray(0, 10), contextLength: 16, maxSteps: 1 }), /has 10 tokens; it needs at least contextLength \+ 1 = 17/);
  await t.rejects(train(model, { trainData: data, contextLength: 16 }), /maxSteps or options.epochs is required/);
  await t.rejects(train(model, { trainData: data, maxSteps: 1, schedule: 'exp' as 'cosine' }), /options.schedule must be/);
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-tok-'));
  writeFileSync(join(dir, 'odd.bin'), Buffer.alloc(7));
  await t.rejects(train(model, { trainData: { path: join(dir, 'odd.bin') }, maxSteps: 1 }), /is not a multiple of 2/);
});

t.test('events, schedule, eval, the free event loop, and token files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-train-'));
  const file = join(dir, 'train.bin');
  t.equal(await writeTokenFile(file, data, 64), 'uint16');
  const model = GPT.create(config, { seed: 1 });
  const events: TrainEvent[] = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const summary = await train(model, {
    trainData: { path: file },
    valData: data.subarray(5000),
    batchSize: 8,
    contextLength: 16,
    maxSteps: 40,
    lr: 3e-3,
    warmupSteps: 5,
    schedule: 'cosine',
    evalEvery: 20,
    evalSteps: 4,
    threads: 1,
    onProgress: (e) => events.push(e),
    logFile: join(dir, 'log.jsonl'),
  });
  clearInterval(timer);
  t.ok(ticks >= 5, `timer fired ${ticks} times during training`);
  t.equal(summary.steps, 40);
  t.equal(summary.tokens, 40 * 8 * 16);
  t.equal(summary.stopReason, 'max_steps');
  const steps = events.filter((e) => e.type === 'step');
  t.equal(steps.length, 40);
  // nanoGPT's get_lr: warmup lr*(it+1)/(warmup+1), then cosine to lr/10
  const lrAt = (it: number) => {
    if (it < 5) return (3e-3 * (it + 1)) / 6;
    const ratio = (it - 5) / (40 - 5);
    return 3e-4 + 0.5 * (1 + Math.cos(Math.PI * ratio)) * (3e-3 - 3e-4);
  };
  for (const e of steps) {
    t.ok(Math.abs(e.lr! - lrAt(e.step - 1)) < 1e-12, `lr at step ${e.step}`);
    t.ok(Number.isFinite(e.loss) && Number.isFinite(e.gradNorm) && e.tokensPerSecond! > 0);
  }
  t.ok(steps[39].loss! < steps[0].loss!, 'loss goes down');
  const evals = events.filter((e) => e.type === 'eval');
  t.same(evals.map((e) => e.step), [20, 40]);
  for (const e of evals) t.ok(Math.abs(e.valPerplexity! - Math.exp(e.valLoss!)) < 1e-9 * e.valPerplexity!);
  t.equal(summary.bestValLoss, Math.min(...evals.map((e) => e.valLoss!)));
  t.equal(events[events.length - 1].type, 'done');
  const lines = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n');
  t.equal(lines.length, events.length);
  await t.rejects(model.generate([1]).then(() => train(model, { trainData: data, maxSteps: 1, signal: AbortSignal.abort() })), /already aborted/);
});

t.test('20 steps straight == 10 + resume 10, bit for bit (CPU)', async (t) => {
  const opts = { trainData: data, valData: data.subarray(4000), batchSize: 4, contextLength: 16, maxSteps: 20, lr: 2e-3, warmupSteps: 3, evalEvery: 5, evalSteps: 2, threads: 1, seed: 9 };
  const straightDir = mkdtempSync(join(tmpdir(), 'lmforge-straight-'));
  const a = GPT.create({ ...config, dropout: 0.1 }, { seed: 4 });
  await train(a, { ...opts, checkpointDir: straightDir, saveEvery: 10 });
  t.same(listCheckpoints(straightDir).map((d) => d.slice(-13)), ['step-00000010', 'step-00000020']);

  // Resume a differently initialised model from the step-10 checkpoint (in its own folder) and finish.
  const resumedDir = mkdtempSync(join(tmpdir(), 'lmforge-resumed-'));
  cpSync(join(straightDir, 'step-00000010'), join(resumedDir, 'step-00000010'), { recursive: true });
  const c = GPT.create({ ...config, dropout: 0.1 }, { seed: 99 });
  const second = await train(c, { ...opts, checkpointDir: resumedDir, resumeFrom: resumedDir });
  t.equal(second.steps, 20);
  t.equal(second.tokens, 20 * 4 * 16);
  const weights = (d: string) => readFileSync(join(d, 'step-00000020', 'model.safetensors'));
  t.ok(weights(straightDir).equals(weights(resumedDir)), 'identical weights');
  const opt = (d: string) => readFileSync(join(d, 'step-00000020', 'optimizer.safetensors'));
  t.ok(opt(straightDir).equals(opt(resumedDir)), 'identical optimizer state and RNG');
  const ck = readCheckpoint(resumedDir);
  t.equal(ck.state.step, 20);
  t.ok(ck.optimizer.entries.some((e) => e.key === 'exp_avg.h.0.attn.c_attn.weight'));
});

t.test('LoRA runs resume bit-exactly too (adapters and their optimizer state are in the checkpoint)', async (t) => {
  const opts = { trainData: data, batchSize: 4, contextLength: 16, maxSteps: 6, lr: 1e-2, threads: 1, seed: 3, saveEvery: 3 };
  const make = () => {
    const m = GPT.create(config, { seed: 4 });
    applyLora(m, { r: 2, alpha: 4, targetModules: ['c_attn', 'c_fc'], seed: 1 });
    return m;
  };
  const straight = mkdtempSync(join(tmpdir(), 'lmforge-lora-straight-'));
  await train(make(), { ...opts, checkpointDir: straight });
  const resumed = mkdtempSync(join(tmpdir(), 'lmforge-lora-resumed-'));
  cpSync(join(straight, 'step-00000003'), join(resumed, 'step-00000003'), { recursive: true });
  await train(make(), { ...opts, checkpointDir: resumed, resumeFrom: resumed });
  const weights = (d: string) => readFileSync(join(d, 'step-00000006', 'model.safetensors'));
  t.ok(weights(straight).equals(weights(resumed)), 'identical weights');
  // a model without the adapters is refused
  await t.rejects(train(GPT.create(config), { ...opts, checkpointDir: resumed, resumeFrom: resumed }), { code: 'CHECKPOINT_MISMATCH' });
});

t.test('AbortSignal stops at a step boundary after saving a checkpoint', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-abort-'));
  const controller = new AbortController();
  const model = GPT.create(config);
  const s = await train(model, {
    trainData: data, batchSize: 4, contextLength: 16, maxSteps: 1_000_000, threads: 1, checkpointDir: dir, signal: controller.signal,
    onProgress: (e) => { if (e.type === 'step') controller.abort(); },
  });
  t.equal(s.stopReason, 'aborted');
  t.ok(s.steps >= 1 && s.steps < 1_000_000);
  const last = listCheckpoints(dir).pop()!;
  t.equal(readCheckpoint(last).state.step, s.steps, 'checkpoint at the step it stopped');
});

t.test('checkpoints: keepLast, keepBest, early stopping', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-keep-'));
  const model = GPT.create(config);
  const events: TrainEvent[] = [];
  const s = await train(model, {
    trainData: data, valData: data.subarray(5000), batchSize: 4, contextLength: 16, maxSteps: 200, lr: 0.5, evalEvery: 5, evalSteps: 2,
    checkpointDir: dir, saveEvery: 5, keepLast: 2, keepBest: true, earlyStopping: { patience: 2, minDelta: 0 }, threads: 1,
    onProgress: (e) => events.push(e),
  });
  // lr 0.5 diverges quickly, so validation stops improving and early stopping (or the NaN guard) ends the run
  t.ok(s.stopReason === 'early_stopping' || s.stopReason === 'non_finite_loss', s.stopReason);
  t.ok(s.steps < 200);
  const kept = listCheckpoints(dir);
  t.ok(kept.length <= 3, `kept ${kept.length}`);
  if (s.bestCheckpoint) t.ok(kept.includes(s.bestCheckpoint), 'best checkpoint kept');
  t.ok(events.some((e) => e.type === 'checkpoint' && typeof e.path === 'string'));
});

t.test('a non-finite loss stops the run with its reason', async (t) => {
  const model = GPT.create(config);
  // Corrupt one weight with NaN through a hand-made safetensors file.
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-nan-'));
  const n = 32;
  const data32 = new Float32Array(n).fill(Number.NaN);
  const header = JSON.stringify({ 'ln_f.weight': { dtype: 'F32', shape: [n], data_offsets: [0, n * 4] } });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  writeFileSync(join(dir, 'nan.safetensors'), Buffer.concat([len, Buffer.from(header), Buffer.from(data32.buffer)]));
  model.native.loadSafetensors(join(dir, 'nan.safetensors'), 8 + header.length, [{ key: 'ln_f.weight', dtype: 'F32', shape: [n], begin: 0, end: n * 4, param: 'ln_f.weight' }]);
  const s = await train(model, { trainData: data, batchSize: 2, contextLength: 8, maxSteps: 5, threads: 1 });
  t.equal(s.stopReason, 'non_finite_loss');
  t.equal(s.steps, 0);
  t.ok(model.parameterStats().find((p) => p.name === 'ln_f.weight')!.nonFinite === 32);
});

t.test('epochs set the step count; a throwing onProgress stops the run and is rethrown', async (t) => {
  // 6000 tokens, 4 x 16 tokens per step: half an epoch = ceil(3000 / 64) = 47 steps
  const s = await train(GPT.create(config), { trainData: data, batchSize: 4, contextLength: 16, epochs: 0.5, threads: 1 });
  t.equal(s.steps, 47);
  await t.rejects(train(GPT.create(config), { trainData: data, batchSize: 4, contextLength: 16, maxSteps: 100000, threads: 1, onProgress: () => { throw new Error('boom'); } }), /boom/);
});

t.test('resume refuses a corrupt checkpoint, naming the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-corrupt-'));
  await train(GPT.create(config), { trainData: data, batchSize: 2, contextLength: 8, maxSteps: 2, checkpointDir: dir, threads: 1 });
  const ck = listCheckpoints(dir).pop()!;
  const opt = join(ck, 'optimizer.safetensors');
  writeFileSync(opt, readFileSync(opt).subarray(0, 200));
  await t.rejects(train(GPT.create(config), { trainData: data, contextLength: 8, maxSteps: 4, resumeFrom: dir }), /optimizer\.safetensors: header length \d+ does not fit|optimizer\.safetensors: tensor .* ends at byte/);
  writeFileSync(join(ck, 'trainer_state.json'), '{"format": "something-else"}');
  await t.rejects(train(GPT.create(config), { trainData: data, contextLength: 8, maxSteps: 4, resumeFrom: dir }), /trainer_state.json: field "format"/);
});

t.test('resume refuses a mismatched model', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-mismatch-'));
  await train(GPT.create(config), { trainData: data, batchSize: 2, contextLength: 8, maxSteps: 2, checkpointDir: dir, threads: 1 });
  const other = GPT.create({ ...config, nEmbd: 16 });
  await t.rejects(train(other, { trainData: data, contextLength: 8, maxSteps: 4, resumeFrom: dir }), { name: 'LmforgeError', code: 'CHECKPOINT_MISMATCH', message: /config.nEmbd is 32 but the model has 16/ });
});
