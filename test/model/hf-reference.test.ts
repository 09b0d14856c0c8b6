// What lmforge saves is what Hugging Face GPT-2 and peft compute: an independent PyTorch implementation of
// HF's modeling_gpt2 + peft LoRA (test/fixtures/model/hf_gpt2_reference.py, its own safetensors parser) reads
// our config.json, model.safetensors and adapter files and must give the same log-probabilities.
// Needs a Python with torch (Debian: apt-get install python3-torch); skipped, and says so, without one.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { GPT } from '../../lib/model/gpt.js';
import { applyLora, saveAdapter } from '../../lib/model/lora.js';
import { train } from '../../lib/train/train.js';

const script = fileURLToPath(new URL('../fixtures/model/hf_gpt2_reference.py', import.meta.url));
const python = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0);

function reference(modelDir: string, ids: number[], adapterDir?: string): number[] {
  const r = spawnSync(python!, [script, modelDir, JSON.stringify(ids), ...(adapterDir ? [adapterDir] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

const maxDiff = (a: ArrayLike<number>, b: number[]): number => Math.max(...b.map((v, i) => Math.abs(v - a[i]!)));

t.test('saved model and peft adapter match an independent HF GPT-2 + peft implementation', { skip: python ? false : 'no Python with torch here' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmforge-hf-'));
  const model = GPT.create({ vocabSize: 300, nPositions: 32, nEmbd: 32, nLayer: 2, nHead: 4, dropout: 0 }, { seed: 5 });
  const ids = Array.from({ length: 24 }, (_, i) => (i * 37 + 11) % 300);
  await model.save(join(dir, 'base'));
  const ours = await model.tokenLogProbs(ids);
  const d0 = maxDiff(ours, reference(join(dir, 'base'), ids));
  t.ok(d0 < 1e-4, `base model: max |Δ log p| = ${d0.toExponential(2)}`);

  // Train LoRA a few steps so lora_B is not zero, then compare the adapter as peft would apply it.
  const base = await GPT.fromPretrained(join(dir, 'base'));
  applyLora(base, { r: 4, alpha: 8, targetModules: ['c_attn', 'c_fc'] });
  const data = Uint16Array.from({ length: 4000 }, (_, i) => (i * 7 + (i >> 3)) % 300);
  await train(base, { trainData: data, batchSize: 4, contextLength: 16, maxSteps: 8, lr: 2e-2, warmupSteps: 0, seed: 3 });
  await saveAdapter(base, join(dir, 'adapter'));
  const tuned = await base.tokenLogProbs(ids);
  t.ok(maxDiff(tuned, Array.from(ours)) > 1e-4, 'the adapter changed the model');
  const d1 = maxDiff(tuned, reference(join(dir, 'base'), ids, join(dir, 'adapter')));
  t.ok(d1 < 1e-4, `base + LoRA adapter: max |Δ log p| = ${d1.toExponential(2)}`);
});
