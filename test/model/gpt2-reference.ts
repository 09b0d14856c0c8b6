/**
 * An independent, plain-JS GPT-2 (HF GPT2LMHeadModel semantics: pre-LN, gelu_new, Conv1D [in, out] weights,
 * tied lm_head) and a hand-written safetensors writer, so model tests compare the native code against
 * arithmetic written from the format and architecture descriptions, not against itself.
 */
import { seededRandom } from '../../lib/util/random.js';
import { writeFileSync } from 'node:fs';

export interface TinyConfig {
  vocabSize: number;
  nPositions: number;
  nEmbd: number;
  nLayer: number;
  nHead: number;
}

export interface Weights {
  config: TinyConfig;
  /** HF names without prefix -> [shape, data] */
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
}

/** Deterministic pseudo-random weights (mulberry32), scaled like a trained model's rough magnitudes. */
export function randomWeights(config: TinyConfig, seed = 1): Weights {
  const uniform = seededRandom(seed);
  const rand = () => uniform() - 0.5;
  const { vocabSize: V, nPositions: P, nEmbd: C, nLayer: L } = config;
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  const add = (name: string, shape: number[], scale: number, offset = 0) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = offset + scale * rand();
    tensors.set(name, { shape, data });
  };
  add('wte.weight', [V, C], 0.8);
  add('wpe.weight', [P, C], 0.4);
  for (let l = 0; l < L; l++) {
    const p = `h.${l}.`;
    add(p + 'ln_1.weight', [C], 0.4, 1);
    add(p + 'ln_1.bias', [C], 0.2);
    add(p + 'attn.c_attn.weight', [C, 3 * C], 0.9);
    add(p + 'attn.c_attn.bias', [3 * C], 0.2);
    add(p + 'attn.c_proj.weight', [C, C], 0.6);
    add(p + 'attn.c_proj.bias', [C], 0.2);
    add(p + 'ln_2.weight', [C], 0.4, 1);
    add(p + 'ln_2.bias', [C], 0.2);
    add(p + 'mlp.c_fc.weight', [C, 4 * C], 0.6);
    add(p + 'mlp.c_fc.bias', [4 * C], 0.2);
    add(p + 'mlp.c_proj.weight', [4 * C, C], 0.4);
    add(p + 'mlp.c_proj.bias', [C], 0.2);
  }
  add('ln_f.weight', [C], 0.4, 1);
  add('ln_f.bias', [C], 0.2);
  return { config, tensors };
}

/** Writes a safetensors file by hand: u64 LE header length, JSON header, little-endian F32 data. */
export function writeSafetensorsByHand(path: string, tensors: [string, number[], Float32Array][], extraHeader: Record<string, unknown> = {}): void {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' }, ...extraHeader };
  let offset = 0;
  for (const [name, shape, data] of tensors) {
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  const parts = [len, json, ...tensors.map(([, , d]) => Buffer.from(d.buffer, d.byteOffset, d.byteLength))];
  writeFileSync(path, Buffer.concat(parts));
}

/** Reads every F32 tensor of a safetensors file (for checking what lmforge wrote). */
export function readSafetensorsByHand(buf: Buffer): Map<string, { shape: number[]; data: Float32Array }> {
  const n = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [k, v] of Object.entries(header)) {
    if (k === '__metadata__' || v.dtype !== 'F32') continue;
    const bytes = buf.subarray(8 + n + v.data_offsets[0], 8 + n + v.data_offsets[1]);
    const copy = new Uint8Array(bytes);
    out.set(k, { shape: v.shape, data: new Float32Array(copy.buffer) });
  }
  return out;
}

function layerNorm(x: number[], g: Float32Array, b: Float32Array, eps = 1e-5): number[] {
  const mean = x.reduce((a, v) => a + v, 0) / x.length;
  const varc = x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mean) / Math.sqrt(varc + eps)) * g[i] + b[i]);
}

/** y = x W + b with W [in, out] (Conv1D). */
function conv1d(x: number[], w: Float32Array, b: Float32Array, out: number): number[] {
  const y = Array.from(b);
  for (let i = 0; i < x.length; i++) for (let j = 0; j < out; j++) y[j] += x[i] * w[i * out + j];
  return y;
}

const geluNew = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

/** Logits [T][V] of GPT-2 on ids. */
export function referenceLogits(w: Weights, ids: number[]): number[][] {
  const { nEmbd: C, nHead: H, nLayer: L, vocabSize: V } = w.config;
  const D = C / H;
  const t = (name: string) => w.tensors.get(name)!.data;
  let x = ids.map((id, pos) => Array.from({ length: C }, (_, c) => t('wte.weight')[id * C + c] + t('wpe.weight')[pos * C + c]));
  for (let l = 0; l < L; l++) {
    const p = `h.${l}.`;
    const qkv = x.map((row) => conv1d(layerNorm(row, t(p + 'ln_1.weight'), t(p + 'ln_1.bias')), t(p + 'attn.c_attn.weight'), t(p + 'attn.c_attn.bias'), 3 * C));
    const y = x.map(() => new Array<number>(C).fill(0));
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < x.length; i++) {
        const scores: number[] = [];
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += qkv[i][h * D + d] * qkv[j][C + h * D + d];
          scores.push(s / Math.sqrt(D));
        }
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const z = e.reduce((a, v) => a + v, 0);
        for (let j = 0; j <= i; j++) for (let d = 0; d < D; d++) y[i][h * D + d] += (e[j] / z) * qkv[j][2 * C + h * D + d];
      }
    }
    x = x.map((row, i) => {
      const a = conv1d(y[i], t(p + 'attn.c_proj.weight'), t(p + 'attn.c_proj.bias'), C);
      const r1 = row.map((v, c) => v + a[c]);
      const hdn = conv1d(layerNorm(r1, t(p + 'ln_2.weight'), t(p + 'ln_2.bias')), t(p + 'mlp.c_fc.weight'), t(p + 'mlp.c_fc.bias'), 4 * C).map(geluNew);
      const m = conv1d(hdn, t(p + 'mlp.c_proj.weight'), t(p + 'mlp.c_proj.bias'), C);
      return r1.map((v, c) => v + m[c]);
    });
  }
  const wte = t('wte.weight');
  return x.map((row) => {
    const f = layerNorm(row, t('ln_f.weight'), t('ln_f.bias'));
    return Array.from({ length: V }, (_, v) => f.reduce((a, fc, c) => a + fc * wte[v * C + c], 0));
  });
}

export function referenceLogProbs(w: Weights, ids: number[]): number[] {
  const logits = referenceLogits(w, ids);
  const out: number[] = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    const m = Math.max(...logits[i]);
    const lse = m + Math.log(logits[i].reduce((a, v) => a + Math.exp(v - m), 0));
    out.push(logits[i][ids[i + 1]] - lse);
  }
  return out;
}

/** Greedy continuation recomputing the whole prefix each step (no cache). */
export function referenceGreedy(w: Weights, prompt: number[], n: number): number[] {
  const ids = [...prompt];
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const logits = referenceLogits(w, ids);
    const last = logits[logits.length - 1];
    let best = 0;
    for (let v = 1; v < last.length; v++) if (last[v] > last[best]) best = v;
    out.push(best);
    ids.push(best);
  }
  return out;
}

/** An HF-style config.json for the tiny model. */
export function hfConfig(c: TinyConfig): Record<string, unknown> {
  return {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    vocab_size: c.vocabSize,
    n_positions: c.nPositions,
    n_embd: c.nEmbd,
    n_layer: c.nLayer,
    n_head: c.nHead,
    n_inner: null,
    activation_function: 'gelu_new',
    layer_norm_epsilon: 1e-5,
    resid_pdrop: 0.0,
    embd_pdrop: 0.0,
    attn_pdrop: 0.0,
    tie_word_embeddings: true,
  };
}
