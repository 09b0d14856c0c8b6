/**
 * The small surfaces that evaluation, diagnostics and prompting code needs from a model, a tokenizer
 * and a training run. The native-backed classes (GPT, Tokenizer, train) implement them; pure-TS code
 * depends only on these, so it can be tested with tiny stand-ins.
 */

export interface GenerateOptions {
  maxNewTokens?: number;
  /** 0 = greedy. */
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  /** Token ids that end generation (included in the output). */
  stop?: number[];
  seed?: number;
}

/** What perplexity, generation helpers and health checks need from a language model. */
export interface LanguageModelLike {
  /** Maximum context length (GPT2Config.n_positions). */
  readonly nPositions: number;
  readonly vocabSize: number;
  /**
   * Natural-log probability of each token given the ones before it: result[i] = log p(ids[i+1] | ids[0..i]),
   * so the result has ids.length - 1 entries. ids.length must be <= nPositions.
   */
  tokenLogProbs(ids: Uint32Array | Int32Array | number[]): Promise<Float32Array>;
  /** Continues `prompt`; returns only the new tokens. */
  generate(prompt: Uint32Array | number[], options?: GenerateOptions): Promise<Uint32Array>;
  /** Per-parameter statistics for health checks (computed natively, no copies of the weights). */
  parameterStats(): ParameterStat[];
}

export interface ParameterStat {
  /** HF-style name, e.g. `h.0.attn.c_attn.weight`. */
  name: string;
  shape: number[];
  numel: number;
  trainable: boolean;
  /** L2 norm of the values. */
  norm: number;
  /** Count of NaN or Inf values. */
  nonFinite: number;
  /** L2 norm of the gradient, or null when there is none. */
  gradNorm: number | null;
  gradNonFinite: number;
}

export interface TokenizerLike {
  encode(text: string): Uint32Array;
  decode(ids: ArrayLike<number>): string;
  readonly vocabSize: number;
}

/** One progress event from the native training loop (also one line of its JSONL log). */
export interface TrainEvent {
  type: 'step' | 'eval' | 'checkpoint' | 'done';
  step: number;
  /** Training loss of this step (type 'step'). */
  loss?: number;
  lr?: number;
  gradNorm?: number;
  tokensPerSecond?: number;
  /** Evaluation results (type 'eval'). */
  valLoss?: number;
  valPerplexity?: number;
  /** Checkpoint path (type 'checkpoint'). */
  path?: string;
  /** Wall-clock milliseconds since the run started. */
  elapsedMs?: number;
}
