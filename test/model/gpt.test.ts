import t from 'tap';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { GPT, parameterCount } from './helpers.js';
import { randomWeights, writeSafetensorsByHand, readSafetensorsByHand, referenceLogProbs, referenceGreedy, hfConfig, type TinyConfig } from './gpt2-reference.js';

const tiny: TinyConfig = { vocabSize: 11, nPositions: 8, nEmbd: 8, nLayer: 2, nHead: 2 };

function tinyDir(prefix: boolean): { dir: string; w: ReturnType<typeof randomWeights> } {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-gpt-'));
  const w = randomWeights(tiny, 7);
  const tensors: [string, number[], Float32Array][] = [...w.tensors].map(([k, v]) => [(prefix ? 'transformer.' : '') + k, v.shape, v.data]);
  // HF files also carry the causal-mask buffers, which must be skipped.
  const mask = new Float32Array(tiny.nPositions * tiny.nPositions).fill(1);
  tensors.push([(prefix ? 'transformer.' : '') + 'h.0.attn.bias', [1, 1, tiny.nPositions, tiny.nPositions], mask]);
  writeSafetensorsByHand(join(dir, 'model.safetensors'), tensors);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(hfConfig(tiny)));
  return { dir, w };
}

t.test('config validation names the field', async (t) => {
  t.throws(() => GPT.create({ vocabSize: 10, nEmbd: 30, nHead: 4 }), /nEmbd \(30\) must be divisible by config.nHead \(4\)/);
  t.throws(() => GPT.create({ vocabSize: 0 }), /config.vocabSize must be a positive integer/);
  t.throws(() => GPT.create({ vocabSize: 10, nEmbd: 8, nHead: 2, nLayer: 1, nPositions: 4 }, { tokenizer: { vocabSize: 12, encode: () => new Uint32Array(), decode: () => '' } }), { name: 'LmforgeError', code: 'VOCAB_MISMATCH' });
});

t.test('hand-built GPT-2 safetensors loads and matches a plain-JS GPT-2', async (t) => {
  for (const prefix of [false, true]) {
    const { dir, w } = tinyDir(prefix);
    const model = await GPT.fromPretrained(dir);
    t.same(model.config.nLayer, 2);
    const ids = [3, 1, 4, 1, 5, 9, 2, 6];
    const got = await model.tokenLogProbs(ids);
    const want = referenceLogProbs(w, ids);
    t.equal(got.length, 7);
    for (let i = 0; i < want.length; i++) t.ok(Math.abs(got[i] - want[i]) < 1e-4, `prefix=${prefix} logp[${i}] ${got[i]} vs ${want[i]}`);
  }
});

t.test('greedy generation with the KV cache equals the no-cache reference; sampling is seeded', async (t) => {
  const { dir, w } = tinyDir(false);
  const model = await GPT.fromPretrained(dir);
  const got = await model.generate([2, 7, 1], { maxNewTokens: 5, temperature: 0 });
  t.same([...got], referenceGreedy(w, [2, 7, 1], 5));
  // Past the 8-token window the context is cropped to the last nPositions tokens (nanoGPT).
  const long = await model.generate([2, 7, 1], { maxNewTokens: 9, temperature: 0 });
  t.equal(long.length, 9);
  const a = await model.generate([1, 2], { maxNewTokens: 6, temperature: 1.0, topK: 5, topP: 0.9, seed: 42 });
  const b = await model.generate([1, 2], { maxNewTokens: 6, temperature: 1.0, topK: 5, topP: 0.9, seed: 42 });
  t.same([...a], [...b]);
  // topK 1 is greedy whatever the temperature
  const k1 = await model.generate([2, 7, 1], { maxNewTokens: 5, temperature: 2, topK: 1, seed: 3 });
  t.same([...k1], [...got]);
  // stop token ends generation and is included
  const stopAt = got[1];
  const stopped = await model.generate([2, 7, 1], { maxNewTokens: 5, temperature: 0, stop: [stopAt] });
  t.same([...stopped], [...got].slice(0, [...got].indexOf(stopAt) + 1));
  // repetitionPenalty: a huge penalty never repeats an already-seen token greedily
  const pen = await model.generate([0, 1, 2, 3, 4], { maxNewTokens: 4, temperature: 0, repetitionPenalty: 1e6 });
  const seen = new Set([0, 1, 2, 3, 4]);
  for (const tok of pen) {
    t.notOk(seen.has(tok), `token ${tok} repeated`);
    seen.add(tok);
  }
  await t.rejects(model.generate([99], {}), /outside the vocabulary/);
  await t.rejects(model.tokenLogProbs(new Array(9).fill(1)), /nPositions is 8/);
});

t.test('save -> load round trip, single file and sharded, loads the same numbers', async (t) => {
  const { dir, w } = tinyDir(true);
  const model = await GPT.fromPretrained(dir);
  const ids = [1, 2, 3, 4, 5];
  const before = await model.tokenLogProbs(ids);
  const out = mkdtempSync(join(tmpdir(), 'lmforge-save-'));
  await model.save(out);
  const cfg = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  t.equal(cfg.model_type, 'gpt2');
  t.equal(cfg.activation_function, 'gelu_new');
  t.equal(cfg.n_embd, 8);
  const saved = readSafetensorsByHand(readFileSync(join(out, 'model.safetensors')));
  t.same(saved.get('transformer.h.1.attn.c_attn.weight')!.shape, [8, 24], 'Conv1D layout [in, out]');
  t.same([...saved.get('transformer.h.1.attn.c_attn.weight')!.data], [...w.tensors.get('h.1.attn.c_attn.weight')!.data]);
  t.notOk(saved.has('lm_head.weight'), 'tied lm_head not duplicated');
  const again = await GPT.fromPretrained(out);
  t.same([...(await again.tokenLogProbs(ids))], [...before]);

  const half = mkdtempSync(join(tmpdir(), 'lmforge-half-'));
  await model.save(half, { dtype: 'float16' });
  t.equal(JSON.parse(readFileSync(join(half, 'config.json'), 'utf8')).torch_dtype, 'float16');
  const fromHalf = await (await GPT.fromPretrained(half)).tokenLogProbs(ids);
  for (let i = 0; i < ids.length - 1; i++) t.ok(Math.abs(fromHalf[i] - before[i]) < 2e-2, `float16 logp[${i}] ${fromHalf[i]} vs ${before[i]}`);

  const sharded = mkdtempSync(join(tmpdir(), 'lmforge-shard-'));
  await model.save(sharded, { maxShardBytes: 1500 });
  t.ok(existsSync(join(sharded, 'model.safetensors.index.json')));
  t.notOk(existsSync(join(sharded, 'model.safetensors')));
  const index = JSON.parse(readFileSync(join(sharded, 'model.safetensors.index.json'), 'utf8'));
  t.ok(new Set(Object.values(index.weight_map)).size > 1, 'several shards');
  const fromShards = await GPT.fromPretrained(sharded);
  t.same([...(await fromShards.tokenLogProbs(ids))], [...before]);
});

t.test('corrupt or mismatched files give clear errors naming the file', async (t) => {
  const { dir } = tinyDir(false);
  const file = join(dir, 'model.safetensors');
  const buf = readFileSync(file);
  writeFileSync(file, buf.subarray(0, buf.length - 10));
  await t.rejects(GPT.fromPretrained(dir), /model\.safetensors: tensor '.*' ends at byte \d+ but the file has/);
  writeFileSync(file, Buffer.from('garbage!'));
  await t.rejects(GPT.fromPretrained(dir), /model\.safetensors: header length/);
  const { dir: dir2 } = tinyDir(false);
  writeFileSync(join(dir2, 'config.json'), JSON.stringify({ ...hfConfig(tiny), n_embd: 16 }));
  await t.rejects(GPT.fromPretrained(dir2), /has shape \[11,8\] but config.json implies \[11,16\]/);
  writeFileSync(join(dir2, 'config.json'), JSON.stringify({ ...hfConfig(tiny), model_type: 'llama' }));
  await t.rejects(GPT.fromPretrained(dir2), /config.json: model_type is 'llama'/);
});

t.test('parameter stats and report', async (t) => {
  const { dir, w } = tinyDir(false);
  const model = await GPT.fromPretrained(dir);
  const stats = model.parameterStats();
  const s = stats.find((p) => p.name === 'h.0.mlp.c_fc.weight')!;
  const ref = Math.sqrt([...w.tensors.get('h.0.mlp.c_fc.weight')!.data].reduce((a, v) => a + v * v, 0));
  t.ok(Math.abs(s.norm - ref) < 1e-4);
  t.same(s.shape, [8, 32]);
  t.equal(s.nonFinite, 0);
  t.equal(s.gradNorm, null);
  const report = model.parameterReport();
  t.equal(report.total, parameterCount(tiny));
  t.equal(report.trainable, report.total);
  t.equal(report.frozen, 0);
  t.ok(report.modules.some((m) => m.name === 'h.1.attn.c_attn' && m.total === 8 * 24 + 24));
});

t.test('resizeTokenEmbeddings keeps old rows', async (t) => {
  const { dir, w } = tinyDir(false);
  const model = await GPT.fromPretrained(dir);
  model.resizeTokenEmbeddings(14);
  t.equal(model.vocabSize, 14);
  const out = mkdtempSync(join(tmpdir(), 'lmforge-resize-'));
  await model.save(out);
  const wte = readSafetensorsByHand(readFileSync(join(out, 'model.safetensors'))).get('transformer.wte.weight')!;
  t.same(wte.shape, [14, 8]);
  t.same([...wte.data.subarray(0, 88)], [...w.tensors.get('wte.weight')!.data]);
  t.throws(() => model.checkTokenizer({ vocabSize: 11, encode: () => new Uint32Array(), decode: () => '' }), /resizeTokenEmbeddings\(11\)/);
});
