/**
 * Hugging Face GPT-2 directories: config.json + model.safetensors, or shards with model.safetensors.index.json.
 * Tensor names are GPT-2's (wte, wpe, h.{i}.ln_1, attn.c_attn, attn.c_proj, ln_2, mlp.c_fc, mlp.c_proj,
 * ln_f), with or without the `transformer.` prefix; Conv1D weights are [in, out], which is also how the
 * native model stores them, so loading is a straight (memory-mapped) copy.
 */
import { existsSync, readFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LmforgeError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { fromHfConfig, toHfConfig } from './config.js';
import { GPT } from './gpt.js';
import { readSafetensorsHeader } from './safetensors.js';
import type { SafetensorsEntry } from './native-types.js';

const INDEX = 'model.safetensors.index.json';
const SINGLE = 'model.safetensors';

function readJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new LmforgeError('FILE_NOT_FOUND', `${path} not found`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new LmforgeError('BAD_JSON', `${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

/** Weight files of an HF directory: the single file, or every shard named by the index. */
export function weightFiles(dir: string): string[] {
  if (existsSync(join(dir, SINGLE))) return [join(dir, SINGLE)];
  const indexPath = join(dir, INDEX);
  if (existsSync(indexPath)) {
    const index = readJson(indexPath);
    const map = index.weight_map;
    if (typeof map !== 'object' || map === null) throw new LmforgeError('BAD_INDEX', `${indexPath}: missing "weight_map"`);
    const files = [...new Set(Object.values(map as Record<string, string>))];
    for (const f of files) {
      if (typeof f !== 'string' || f.includes('/') || f.includes('..')) throw new LmforgeError('BAD_INDEX', `${indexPath}: bad shard file name ${JSON.stringify(f)}`);
    }
    return files.sort().map((f) => join(dir, f));
  }
  if (existsSync(join(dir, 'pytorch_model.bin'))) {
    throw new LmforgeError('UNSUPPORTED_FORMAT', `${dir} has only pytorch_model.bin (pickle); convert it to safetensors (transformers: model.save_pretrained(dir, safe_serialization=True))`);
  }
  throw new LmforgeError('FILE_NOT_FOUND', `${dir}: no ${SINGLE} or ${INDEX}`);
}

/** Maps an HF GPT-2 tensor name to the native parameter name; null for buffers to skip. */
export function hfKeyToParam(key: string, tied: boolean): string | null {
  let k = key.startsWith('transformer.') ? key.slice('transformer.'.length) : key;
  if (/^h\.\d+\.attn\.(bias|masked_bias)$/.test(k)) return null; // causal-mask buffers
  if (k === 'lm_head.weight') return tied ? null : k;
  return k;
}

export async function loadPretrained(dir: string): Promise<GPT> {
  const config = fromHfConfig(readJson(join(dir, 'config.json')), join(dir, 'config.json'));
  const model = GPT.create(config);
  const params = new Map(model.native.namedParameters().map((p) => [p.name, p]));
  const seen = new Set<string>();
  for (const file of weightFiles(dir)) {
    const header = readSafetensorsHeader(file);
    const entries: (SafetensorsEntry & { param: string })[] = [];
    for (const e of header.entries) {
      const param = hfKeyToParam(e.key, config.tieWordEmbeddings);
      if (param === null) continue;
      const p = params.get(param);
      if (!p) throw new LmforgeError('BAD_CHECKPOINT', `${file}: unexpected tensor '${e.key}' (not a GPT-2 parameter)`);
      if (p.shape.join(',') !== e.shape.join(',')) {
        throw new LmforgeError('BAD_CHECKPOINT', `${file}: tensor '${e.key}' has shape [${e.shape}] but config.json implies [${p.shape}]`);
      }
      entries.push({ ...e, param });
      seen.add(param);
    }
    model.native.loadSafetensors(file, header.dataStart, entries);
  }
  const missing = [...params.keys()].filter((n) => !seen.has(n));
  if (missing.length) {
    throw new LmforgeError('BAD_CHECKPOINT', `${dir}: missing tensors ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
  }
  return model;
}

const BYTES: Record<string, number> = { float32: 4, float16: 2, bfloat16: 2 };

export async function savePretrained(model: GPT, dir: string, options: { dtype?: 'float32' | 'float16' | 'bfloat16'; maxShardBytes?: number } = {}): Promise<void> {
  const dtype = options.dtype ?? 'float32';
  if (!(dtype in BYTES)) throw new TypeError(`options.dtype must be 'float32', 'float16' or 'bfloat16', got ${String(dtype)}`);
  const maxShard = options.maxShardBytes ?? 5e9;
  mkdirSync(dir, { recursive: true });
  const config = model.config;
  const hf = { ...toHfConfig(config), torch_dtype: dtype };
  // Base weights only: LoRA factors go to adapter files (saveAdapter); merge first to bake them in.
  const params = model.native.namedParameters().filter((p) => !p.name.includes('.lora_'));
  const entries = params.map((p) => ({
    key: p.name === 'lm_head.weight' ? p.name : `transformer.${p.name}`,
    param: p.name,
    bytes: p.shape.reduce((a, b) => a * b, 1) * BYTES[dtype],
  }));
  const shards: (typeof entries)[] = [[]];
  let size = 0;
  for (const e of entries) {
    if (size + e.bytes > maxShard && shards[shards.length - 1].length > 0) {
      shards.push([]);
      size = 0;
    }
    shards[shards.length - 1].push(e);
    size += e.bytes;
  }
  await writeFileAtomic(join(dir, 'config.json'), JSON.stringify(hf, null, 2) + '\n');
  if (shards.length === 1) {
    model.native.saveSafetensors(join(dir, SINGLE), entries, dtype, { format: 'pt' });
    if (existsSync(join(dir, INDEX))) unlinkSync(join(dir, INDEX));
    return;
  }
  const weightMap: Record<string, string> = {};
  const n = shards.length;
  for (let i = 0; i < n; i++) {
    const name = `model-${String(i + 1).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.safetensors`;
    model.native.saveSafetensors(join(dir, name), shards[i], dtype, { format: 'pt' });
    for (const e of shards[i]) weightMap[e.key] = name;
  }
  const totalSize = entries.reduce((a, e) => a + e.bytes, 0);
  await writeFileAtomic(join(dir, INDEX), JSON.stringify({ metadata: { total_size: totalSize }, weight_map: weightMap }, null, 2) + '\n');
  if (existsSync(join(dir, SINGLE))) unlinkSync(join(dir, SINGLE));
}


