/**
 * The GPT model (GPT-2 architecture, native libtorch): create from a config, load/save Hugging Face
 * directories, score and generate text. Implements LanguageModelLike for evaluation code.
 */
import { nativeBinding } from '../native.js';
import { LmforgeError, checkArg } from '../errors.js';
import type { GenerateOptions, LanguageModelLike, ParameterStat, TokenizerLike } from './contracts.js';
import { resolveConfig, type GPTConfig } from './config.js';
import type { ModelBinding, NativeGPT } from './native-types.js';

export interface CreateGPTOptions {
  /** Seed of the GPT-2 initialisation (default 1337). */
  seed?: number;
  /** When given, its vocabSize must equal the config's (the seed's sanity check). */
  tokenizer?: TokenizerLike;
}

export interface ModuleParameters {
  /** Module path, e.g. `h.0.attn.c_attn`, `wte`. */
  name: string;
  total: number;
  trainable: number;
}

export interface ParameterReport {
  total: number;
  trainable: number;
  frozen: number;
  modules: ModuleParameters[];
}

/** @internal */
export function modelBinding(): ModelBinding {
  return nativeBinding<ModelBinding>();
}

function toIds(ids: Uint32Array | Int32Array | number[], name: string): Uint32Array | Int32Array | number[] {
  checkArg(ids instanceof Uint32Array || ids instanceof Int32Array || Array.isArray(ids), name, 'a Uint32Array, Int32Array or number[]', ids);
  return ids;
}

export class GPT implements LanguageModelLike {
  /** @internal The native model; used by train(), LoRA and the HF loaders. */
  readonly native: NativeGPT;

  /** @internal Use GPT.create or GPT.fromPretrained. */
  constructor(native: NativeGPT) {
    this.native = native;
  }

  /** A freshly initialised model (GPT-2 init). Missing config fields take GPT-2 small's values. */
  static create(config: Partial<GPTConfig>, options: CreateGPTOptions = {}): GPT {
    checkArg(typeof config === 'object' && config !== null, 'config', 'an object', config);
    const c = resolveConfig(config);
    if (options.tokenizer && options.tokenizer.vocabSize !== c.vocabSize) {
      throw new LmforgeError(
        'VOCAB_MISMATCH',
        `config.vocabSize is ${c.vocabSize} but the tokenizer has ${options.tokenizer.vocabSize} tokens; set vocabSize to the tokenizer's vocabSize`,
      );
    }
    const seed = options.seed ?? 1337;
    checkArg(Number.isInteger(seed) && seed >= 0, 'options.seed', 'a non-negative integer', seed);
    const b = modelBinding();
    return new GPT(new b.NativeGPT(c, seed));
  }

  get config(): GPTConfig {
    return this.native.config();
  }
  get nPositions(): number {
    return this.native.config().nPositions;
  }
  get vocabSize(): number {
    return this.native.config().vocabSize;
  }
  /** 'cpu', 'cuda:0', ... */
  get device(): string {
    return this.native.device();
  }

  /** Throws VOCAB_MISMATCH when the tokenizer's vocabulary differs from the model's. */
  checkTokenizer(tokenizer: TokenizerLike): void {
    if (tokenizer.vocabSize !== this.vocabSize) {
      throw new LmforgeError(
        'VOCAB_MISMATCH',
        `the model has vocabSize ${this.vocabSize} but the tokenizer has ${tokenizer.vocabSize} tokens; resize with model.resizeTokenEmbeddings(${tokenizer.vocabSize})`,
      );
    }
  }

  async tokenLogProbs(ids: Uint32Array | Int32Array | number[]): Promise<Float32Array> {
    toIds(ids, 'ids');
    if (ids.length > this.nPositions) {
      throw new LmforgeError('TOO_LONG', `ids has ${ids.length} tokens but the model's nPositions is ${this.nPositions}`);
    }
    return this.native.tokenLogProbs(ids);
  }

  async generate(prompt: Uint32Array | number[], options: GenerateOptions = {}): Promise<Uint32Array> {
    toIds(prompt, 'prompt');
    checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
    const o = options;
    if (o.maxNewTokens !== undefined) checkArg(Number.isInteger(o.maxNewTokens) && o.maxNewTokens >= 0, 'options.maxNewTokens', 'a non-negative integer', o.maxNewTokens);
    if (o.temperature !== undefined) checkArg(typeof o.temperature === 'number' && o.temperature >= 0, 'options.temperature', 'a number >= 0', o.temperature);
    if (o.topK !== undefined) checkArg(Number.isInteger(o.topK) && o.topK >= 0, 'options.topK', 'a non-negative integer', o.topK);
    if (o.topP !== undefined) checkArg(typeof o.topP === 'number' && o.topP > 0 && o.topP <= 1, 'options.topP', 'a number in (0, 1]', o.topP);
    if (o.repetitionPenalty !== undefined) checkArg(typeof o.repetitionPenalty === 'number' && o.repetitionPenalty > 0, 'options.repetitionPenalty', 'a number > 0', o.repetitionPenalty);
    if (o.stop !== undefined) checkArg(Array.isArray(o.stop) && o.stop.every((t) => Number.isInteger(t)), 'options.stop', 'an array of token ids', o.stop);
    if (o.seed !== undefined) checkArg(Number.isInteger(o.seed) && o.seed >= 0, 'options.seed', 'a non-negative integer', o.seed);
    return this.native.generate(prompt, o);
  }

  parameterStats(): ParameterStat[] {
    return this.native.parameterStats();
  }

  /** Parameter counts: total, trainable, frozen, and per module (the tensor name without .weight/.bias). */
  parameterReport(): ParameterReport {
    const modules = new Map<string, ModuleParameters>();
    let total = 0;
    let trainable = 0;
    for (const p of this.native.namedParameters()) {
      const n = p.shape.reduce((a, b) => a * b, 1);
      total += n;
      if (p.trainable) trainable += n;
      const mod = p.name.replace(/\.(weight|bias)$/, '').replace(/\.lora_[AB]$/, '');
      const m = modules.get(mod) ?? { name: mod, total: 0, trainable: 0 };
      m.total += n;
      if (p.trainable) m.trainable += n;
      modules.set(mod, m);
    }
    return { total, trainable, frozen: total - trainable, modules: [...modules.values()] };
  }

  /** Grows (new rows ~ N(0, 0.02)) or shrinks the token embeddings, as transformers' resize_token_embeddings. */
  resizeTokenEmbeddings(n: number, options: { seed?: number } = {}): void {
    checkArg(Number.isInteger(n) && n > 0, 'n', 'a positive integer', n);
    this.native.resizeTokenEmbeddings(n, options.seed ?? 1337);
  }

  /** Moves the weights to 'cpu', 'cuda', 'cuda:N' or 'mps'. */
  to(device: string): this {
    checkArg(typeof device === 'string', 'device', 'a string', device);
    this.native.to(device);
    return this;
  }

  /** Freezes or unfreezes one tensor by HF name (e.g. `wte.weight`). */
  setTrainable(name: string, trainable: boolean): void {
    this.native.setTrainable(name, trainable);
  }

  /** Loads an HF GPT-2 directory (config.json + model.safetensors or a sharded index). */
  static async fromPretrained(dir: string): Promise<GPT> {
    const { loadPretrained } = await import('./hf.js');
    return loadPretrained(dir);
  }

  /** Saves config.json + model.safetensors (or shards + index) loadable by transformers' GPT2LMHeadModel. */
  async save(dir: string, options: { dtype?: 'float32' | 'float16' | 'bfloat16'; maxShardBytes?: number } = {}): Promise<void> {
    const { savePretrained } = await import('./hf.js');
    return savePretrained(this, dir, options);
  }
}
