/**
 * LoRA (peft's LoraConfig semantics) on the GPT's Conv1D layers: applyLora, merge/unmerge, peft-format
 * adapter files (adapter_config.json + adapter_model.safetensors with peft's key names), and peft's
 * trainable-parameter line.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LmforgeError, checkArg } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { GPT } from './gpt.js';
import { readSafetensorsHeader } from './safetensors.js';

export interface LoraOptions {
  r?: number;
  /** lora_alpha; scaling = alpha / r (alpha / sqrt(r) with useRslora). */
  alpha?: number;
  dropout?: number;
  /** Module names or suffixes, peft-style: 'c_attn' matches h.*.attn.c_attn; 'attn.c_proj' only attention's. Default ['c_attn'] (peft's GPT-2 default). */
  targetModules?: string[];
  /** Only 'none' (biases stay frozen) is supported. */
  bias?: 'none';
  useRslora?: boolean;
  /** Seed for A's kaiming-uniform init. */
  seed?: number;
}

export interface LoraConfigResolved {
  r: number;
  alpha: number;
  dropout: number;
  targetModules: string[];
  useRslora: boolean;
}

const PEFT_PREFIX = 'base_model.model.transformer.';
const loraConfigs = new WeakMap<GPT, LoraConfigResolved>();

function linearNames(model: GPT): string[] {
  return model.native
    .namedParameters()
    .filter((p) => /^h\.\d+\.(attn\.c_attn|attn\.c_proj|mlp\.c_fc|mlp\.c_proj)\.weight$/.test(p.name))
    .map((p) => p.name.slice(0, -'.weight'.length));
}

/** peft's matching: a target matches a module whose name equals it or ends with `.${target}`. */
export function matchTargets(names: string[], targets: string[]): string[] {
  const matched = names.filter((n) => targets.some((t) => n === t || n.endsWith(`.${t}`)));
  for (const t of targets) {
    if (!names.some((n) => n === t || n.endsWith(`.${t}`))) {
      throw new LmforgeError('BAD_LORA_TARGET', `targetModules: '${t}' matches no layer; GPT-2 has c_attn, attn.c_proj, c_fc, mlp.c_proj (c_proj matches both projections)`);
    }
  }
  return matched;
}

/** Wraps the target layers with LoRA (A kaiming-uniform, B zero) and freezes every other tensor. */
export function applyLora(model: GPT, options: LoraOptions = {}): LoraConfigResolved {
  const r = options.r ?? 8;
  const alpha = options.alpha ?? 8;
  const dropout = options.dropout ?? 0;
  const targetModules = options.targetModules ?? ['c_attn'];
  checkArg(Number.isInteger(r) && r > 0, 'options.r', 'a positive integer', r);
  checkArg(typeof alpha === 'number' && alpha > 0, 'options.alpha', 'a positive number', alpha);
  checkArg(typeof dropout === 'number' && dropout >= 0 && dropout < 1, 'options.dropout', 'a number in [0, 1)', dropout);
  checkArg(Array.isArray(targetModules) && targetModules.length > 0 && targetModules.every((t) => typeof t === 'string'), 'options.targetModules', 'a non-empty array of module names', targetModules);
  if (options.bias !== undefined && options.bias !== 'none') throw new LmforgeError('UNSUPPORTED', `options.bias '${String(options.bias)}' is not supported; only 'none'`);
  if (loraConfigs.has(model)) throw new LmforgeError('LORA_EXISTS', 'the model already has LoRA adapters');
  const targets = matchTargets(linearNames(model), targetModules);
  const useRslora = options.useRslora ?? false;
  model.native.applyLora(targets, r, alpha, dropout, useRslora, options.seed ?? 0);
  const cfg = { r, alpha, dropout, targetModules, useRslora };
  loraConfigs.set(model, cfg);
  return cfg;
}

function requireLora(model: GPT): LoraConfigResolved {
  const cfg = loraConfigs.get(model);
  if (!cfg) throw new LmforgeError('NO_LORA', 'the model has no LoRA adapters; call applyLora first');
  return cfg;
}

/** Adds B·A·scaling into the base weights (outputs unchanged, faster inference). */
export function mergeLora(model: GPT): void {
  requireLora(model);
  model.native.mergeLora(true);
}

/** Subtracts the merged deltas again. */
export function unmergeLora(model: GPT): void {
  requireLora(model);
  model.native.mergeLora(false);
}

/** peft's print_trainable_parameters line. */
export function trainableParametersLine(model: GPT): string {
  const { total, trainable } = model.parameterReport();
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `trainable params: ${fmt(trainable)} || all params: ${fmt(total)} || trainable%: ${((100 * trainable) / total).toFixed(4)}`;
}

/** Writes peft's line to stdout (as peft's print_trainable_parameters does) and returns it. */
export function printTrainableParameters(model: GPT): string {
  const line = trainableParametersLine(model);
  process.stdout.write(line + '\n');
  return line;
}

/** Saves adapter_config.json + adapter_model.safetensors with peft's key names (peft loads them). */
export async function saveAdapter(model: GPT, dir: string): Promise<void> {
  const cfg = requireLora(model);
  if (model.native.loraInfo().some((l) => l.merged)) throw new LmforgeError('LORA_MERGED', 'unmerge the adapters (unmergeLora) before saving them');
  mkdirSync(dir, { recursive: true });
  const entries = model.native
    .namedParameters()
    .filter((p) => p.name.includes('.lora_'))
    .map((p) => ({ key: PEFT_PREFIX + p.name, param: p.name }));
  model.native.saveSafetensors(join(dir, 'adapter_model.safetensors'), entries, 'float32', { format: 'pt' });
  const adapterConfig = {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    base_model_name_or_path: null,
    r: cfg.r,
    lora_alpha: cfg.alpha,
    lora_dropout: cfg.dropout,
    target_modules: cfg.targetModules,
    bias: 'none',
    fan_in_fan_out: true, // GPT-2's Conv1D stores [in, out]
    use_rslora: cfg.useRslora,
    init_lora_weights: true,
    inference_mode: true,
    modules_to_save: null,
    layers_to_transform: null,
    layers_pattern: null,
    rank_pattern: {},
    alpha_pattern: {},
    revision: null,
  };
  await writeFileAtomic(join(dir, 'adapter_config.json'), JSON.stringify(adapterConfig, null, 2) + '\n');
}

/** Applies the adapter in `dir` (peft format) to `model` and loads its weights. */
export function loadAdapter(model: GPT, dir: string): LoraConfigResolved {
  const cfgPath = join(dir, 'adapter_config.json');
  if (!existsSync(cfgPath)) throw new LmforgeError('FILE_NOT_FOUND', `${cfgPath} not found`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(cfgPath, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new LmforgeError('BAD_JSON', `${cfgPath}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (json.peft_type !== 'LORA') throw new LmforgeError('UNSUPPORTED', `${cfgPath}: peft_type '${String(json.peft_type)}' is not LORA`);
  if (json.bias !== undefined && json.bias !== 'none') throw new LmforgeError('UNSUPPORTED', `${cfgPath}: bias '${String(json.bias)}' is not supported`);
  let targets = json.target_modules;
  if (typeof targets === 'string') targets = [targets];
  const cfg = applyLora(model, {
    r: Number(json.r),
    alpha: Number(json.lora_alpha),
    dropout: Number(json.lora_dropout ?? 0),
    targetModules: targets as string[],
    useRslora: json.use_rslora === true,
  });
  const file = join(dir, 'adapter_model.safetensors');
  const header = readSafetensorsHeader(file);
  const own = new Map(model.native.namedParameters().filter((p) => p.name.includes('.lora_')).map((p) => [p.name, p]));
  const entries = header.entries.map((e) => {
    // peft keys: base_model.model.transformer.h.0.attn.c_attn.lora_A.weight (older peft: ...lora_A.default.weight)
    const name = e.key.replace(/^base_model\.model\./, '').replace(/^transformer\./, '').replace('.default.weight', '.weight');
    if (!own.has(name)) throw new LmforgeError('BAD_ADAPTER', `${file}: tensor '${e.key}' does not match a LoRA layer of this model and config`);
    return { ...e, param: name };
  });
  const missing = [...own.keys()].filter((n) => !entries.some((e) => e.param === n));
  if (missing.length) throw new LmforgeError('BAD_ADAPTER', `${file}: missing tensors for ${missing.slice(0, 3).join(', ')}`);
  model.native.loadSafetensors(file, header.dataStart, entries);
  return cfg;
}

/** The LoRA config applied to `model`, if any. */
export function loraConfigOf(model: GPT): LoraConfigResolved | undefined {
  return loraConfigs.get(model);
}
