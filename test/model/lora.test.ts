import t from 'tap';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { GPT, applyLora, mergeLora, unmergeLora, saveAdapter, loadAdapter, trainableParametersLine } from '../../lib/model/index.js';
import { train } from '../../lib/train/index.js';
import { randomWeights, writeSafetensorsByHand, readSafetensorsByHand, hfConfig, type TinyConfig } from './gpt2-reference.js';

const tiny: TinyConfig = { vocabSize: 32, nPositions: 16, nEmbd: 16, nLayer: 2, nHead: 2 };

function baseDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-lora-'));
  const w = randomWeights(tiny, 3);
  writeSafetensorsByHand(join(dir, 'model.safetensors'), [...w.tensors].map(([k, v]) => [k, v.shape, v.data]));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(hfConfig(tiny)));
  return dir;
}

const data = new Uint16Array(2000).map((_, i) => (i * 7 + (i % 5)) % 32);
const ids = [1, 5, 9, 3, 7, 2, 8, 4, 6, 0];

t.test('applyLora wraps the targets, freezes the rest, reports in peft words', async (t) => {
  const model = await GPT.fromPretrained(baseDir());
  const total = model.parameterReport().total;
  applyLora(model, { r: 4, alpha: 8, targetModules: ['c_attn', 'mlp.c_proj'] });
  // c_attn: A [4,16] + B [48,4]; mlp.c_proj: A [4,64] + B [16,4]; two layers
  const lora = 2 * (4 * 16 + 48 * 4 + 4 * 64 + 16 * 4);
  const report = model.parameterReport();
  t.equal(report.trainable, lora);
  t.equal(report.total, total + lora);
  t.equal(trainableParametersLine(model), `trainable params: ${lora.toLocaleString('en-US')} || all params: ${(total + lora).toLocaleString('en-US')} || trainable%: ${((100 * lora) / (total + lora)).toFixed(4)}`);
  // B = 0 at init: outputs unchanged
  const plain = await GPT.fromPretrained(baseDir());
  t.same([...(await model.tokenLogProbs(ids))], [...(await plain.tokenLogProbs(ids))]);
  t.throws(() => applyLora(model, {}), { name: 'LmforgeError', code: 'LORA_EXISTS' });
});

t.test('unknown target modules are rejected', async (t) => {
  const model = await GPT.fromPretrained(baseDir());
  t.throws(() => applyLora(model, { targetModules: ['q_proj'] }), /'q_proj' matches no layer/);
});

t.test('trained LoRA: base frozen, merge equals unmerged to 1e-5, peft adapter round trip', async (t) => {
  const model = await GPT.fromPretrained(baseDir());
  applyLora(model, { r: 4, alpha: 16, targetModules: ['c_attn', 'c_proj', 'c_fc'], seed: 5 });
  const baseBefore = model.parameterStats().filter((p) => !p.name.includes('lora_'));
  await train(model, { trainData: data, batchSize: 4, contextLength: 16, maxSteps: 15, lr: 1e-2, threads: 1 });
  const baseAfter = model.parameterStats().filter((p) => !p.name.includes('lora_'));
  t.same(baseAfter.map((p) => p.norm), baseBefore.map((p) => p.norm), 'base weights unchanged');
  const bNorms = model.parameterStats().filter((p) => p.name.endsWith('lora_B.weight')).map((p) => p.norm);
  t.ok(bNorms.every((n) => n > 0), 'B moved away from zero');

  const unmerged = await model.tokenLogProbs(ids);
  mergeLora(model);
  const merged = await model.tokenLogProbs(ids);
  unmergeLora(model);
  const again = await model.tokenLogProbs(ids);
  const plain = await (await GPT.fromPretrained(baseDir())).tokenLogProbs(ids);
  let changed = 0;
  for (let i = 0; i < ids.length - 1; i++) {
    t.ok(Math.abs(merged[i] - unmerged[i]) < 1e-5, `merged ${merged[i]} vs ${unmerged[i]}`);
    t.ok(Math.abs(again[i] - unmerged[i]) < 1e-5);
    changed = Math.max(changed, Math.abs(unmerged[i] - plain[i]));
  }
  t.ok(changed > 1e-3, 'the adapter changes the outputs');

  const out = mkdtempSync(join(tmpdir(), 'lmforge-adapter-'));
  await saveAdapter(model, out);
  const cfg = JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8'));
  t.equal(cfg.peft_type, 'LORA');
  t.equal(cfg.r, 4);
  t.equal(cfg.lora_alpha, 16);
  t.equal(cfg.fan_in_fan_out, true);
  const tensors = readSafetensorsByHand(readFileSync(join(out, 'adapter_model.safetensors')));
  t.same(tensors.get('base_model.model.transformer.h.0.attn.c_attn.lora_A.weight')!.shape, [4, 16]);
  t.same(tensors.get('base_model.model.transformer.h.0.attn.c_attn.lora_B.weight')!.shape, [48, 4]);
  t.ok(tensors.has('base_model.model.transformer.h.1.mlp.c_proj.lora_A.weight'));

  const fresh = await GPT.fromPretrained(baseDir());
  loadAdapter(fresh, out);
  const loaded = await fresh.tokenLogProbs(ids);
  t.same([...loaded], [...unmerged]);
});
