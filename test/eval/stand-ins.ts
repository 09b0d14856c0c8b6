/**
 * Tiny hand-made models and tokenizers implementing lmforge's contracts, with probabilities simple
 * enough that the right answers can be computed by hand.
 */
import type { GenerateOptions, LanguageModelLike, ParameterStat, TokenizerLike } from '../../lib/model/contracts.js';

/** One token per character code (0..255). */
export class CharTokenizer implements TokenizerLike {
  readonly vocabSize = 256;
  encode(text: string): Uint32Array {
    return Uint32Array.from(Array.from(text, (c) => c.charCodeAt(0) & 255));
  }
  decode(ids: ArrayLike<number>): string {
    return Array.from(ids as ArrayLike<number>, (i) => String.fromCharCode(i)).join('');
  }
}

/** Uniform over the vocabulary: perplexity is exactly vocabSize. Generates a fixed continuation. */
export class UniformModel implements LanguageModelLike {
  calls: number[][] = [];
  constructor(readonly vocabSize = 50, readonly nPositions = 16, private readonly continuation: number[] = []) {}
  async tokenLogProbs(ids: ArrayLike<number>): Promise<Float32Array> {
    this.calls.push(Array.from(ids));
    return new Float32Array(Math.max(ids.length - 1, 0)).fill(-Math.log(this.vocabSize));
  }
  async generate(prompt: Uint32Array | number[], options: GenerateOptions = {}): Promise<Uint32Array> {
    const max = options.maxNewTokens ?? this.continuation.length;
    return Uint32Array.from(this.continuation.slice(0, max));
  }
  parameterStats(): ParameterStat[] { return []; }
}

/**
 * log p(token at window position j) = -1/j: the score depends on how much context the window gives
 * (j tokens), so sliding-window bookkeeping can be checked by hand.
 */
export class ContextLengthModel extends UniformModel {
  override async tokenLogProbs(ids: ArrayLike<number>): Promise<Float32Array> {
    this.calls.push(Array.from(ids));
    return Float32Array.from({ length: ids.length - 1 }, (_, i) => -1 / (i + 1));
  }
}

/** Echoes the prompt reversed, one token per step, stopping early at a stop token. */
export class EchoModel extends UniformModel {
  override async generate(prompt: Uint32Array | number[], options: GenerateOptions = {}): Promise<Uint32Array> {
    const out: number[] = [];
    const rev = Array.from(prompt).reverse();
    for (const t of rev.slice(0, options.maxNewTokens ?? 8)) {
      out.push(t);
      if (options.stop?.includes(t)) break;
    }
    return Uint32Array.from(out);
  }
}

/** A model whose parameterStats are given. */
export class StatsModel extends UniformModel {
  constructor(private readonly stats: ParameterStat[]) { super(); }
  override parameterStats(): ParameterStat[] { return this.stats; }
}
