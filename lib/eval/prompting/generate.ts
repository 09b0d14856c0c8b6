/**
 * `generateText`: text in, text out over a model's token-level `generate`, for one prompt or many.
 * Prompts run one after another: the native model serialises work on its device anyway, and order
 * keeps seeded sampling reproducible.
 */
import { LmforgeError, checkArg } from '../../errors.js';
import type { GenerateOptions, LanguageModelLike, TokenizerLike } from '../../model/contracts.js';

export interface GenerateTextOptions extends GenerateOptions {
  /** Cut the generated text at the first of these strings (the stop string is not included). */
  stopStrings?: string[];
  /**
   * When prompt + maxNewTokens exceeds the model's context: 'left' keeps the end of the prompt
   * (default), 'error' throws.
   */
  truncate?: 'left' | 'error';
  /** Called after each prompt. */
  onProgress?: (done: number, total: number) => void;
}

export interface TextGeneration {
  prompt: string;
  text: string;
  /** Tokens generated (before stop-string cutting). */
  newTokens: number;
  /** Prompt tokens dropped to fit the context. */
  truncatedTokens: number;
}

function checkModel(model: LanguageModelLike, tokenizer: TokenizerLike): void {
  checkArg(typeof model === 'object' && model !== null && typeof model.generate === 'function', 'model', 'a LanguageModelLike (with generate)', model);
  checkArg(typeof tokenizer === 'object' && tokenizer !== null && typeof tokenizer.encode === 'function' && typeof tokenizer.decode === 'function', 'tokenizer', 'a TokenizerLike (with encode and decode)', tokenizer);
}

/** Generates for each prompt and returns details (see {@link generateText} for plain strings). */
export async function generateDetailed(
  model: LanguageModelLike, tokenizer: TokenizerLike, prompts: string[], options: GenerateTextOptions = {},
): Promise<TextGeneration[]> {
  checkModel(model, tokenizer);
  checkArg(Array.isArray(prompts), 'prompts', 'an array of strings', prompts);
  const { stopStrings = [], truncate = 'left', onProgress, ...gen } = options;
  checkArg(Array.isArray(stopStrings) && stopStrings.every((s) => typeof s === 'string' && s.length > 0), 'options.stopStrings', 'an array of non-empty strings', stopStrings);
  checkArg(truncate === 'left' || truncate === 'error', 'options.truncate', "'left' or 'error'", truncate);
  const maxNew = gen.maxNewTokens ?? 64;
  checkArg(Number.isInteger(maxNew) && maxNew >= 1, 'options.maxNewTokens', 'a positive integer', maxNew);
  if (maxNew >= model.nPositions) {
    throw new LmforgeError('EVAL_BAD_OPTION', `options.maxNewTokens ${maxNew} leaves no room for the prompt in the model's context of ${model.nPositions} tokens`);
  }
  const out: TextGeneration[] = [];
  for (let i = 0; i < prompts.length; i++) {
    const prompt = prompts[i];
    checkArg(typeof prompt === 'string', `prompts[${i}]`, 'a string', prompt);
    let ids = tokenizer.encode(prompt);
    const room = model.nPositions - maxNew;
    let truncatedTokens = 0;
    if (ids.length > room) {
      if (truncate === 'error') {
        throw new LmforgeError('EVAL_PROMPT_TOO_LONG', `prompts[${i}] has ${ids.length} tokens; with maxNewTokens ${maxNew} at most ${room} fit the model's context`);
      }
      truncatedTokens = ids.length - room;
      ids = ids.slice(ids.length - room);
    }
    const newIds = await model.generate(ids, { ...gen, maxNewTokens: maxNew });
    let text = tokenizer.decode(newIds);
    let cut = text.length;
    for (const s of stopStrings) {
      const at = text.indexOf(s);
      if (at >= 0 && at < cut) cut = at;
    }
    text = text.slice(0, cut);
    out.push({ prompt, text, newTokens: newIds.length, truncatedTokens });
    onProgress?.(i + 1, prompts.length);
  }
  return out;
}

/** Continues `prompt` (or each of `prompts`) and returns only the new text. */
export async function generateText(model: LanguageModelLike, tokenizer: TokenizerLike, prompt: string, options?: GenerateTextOptions): Promise<string>;
export async function generateText(model: LanguageModelLike, tokenizer: TokenizerLike, prompt: string[], options?: GenerateTextOptions): Promise<string[]>;
export async function generateText(model: LanguageModelLike, tokenizer: TokenizerLike, prompt: string | string[], options: GenerateTextOptions = {}): Promise<string | string[]> {
  if (typeof prompt === 'string') return (await generateDetailed(model, tokenizer, [prompt], options))[0]!.text;
  checkArg(Array.isArray(prompt), 'prompt', 'a string or an array of strings', prompt);
  return (await generateDetailed(model, tokenizer, prompt, options)).map((g) => g.text);
}
