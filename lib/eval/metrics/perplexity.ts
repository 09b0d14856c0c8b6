/**
 * Perplexity with the sliding-window evaluation that Hugging Face documents for fixed-length models
 * ("Perplexity of fixed-length models"): windows of `contextLength` tokens advance by `stride`, and
 * each window only scores the tokens the previous one did not. With `stride < contextLength` every token
 * after the first is scored exactly once, with at least `contextLength - stride` tokens of context; with
 * `stride === contextLength` (no overlap) the first token of each window has no context and, as in HF's
 * code, is not scored. Scores are averaged per token (the exact form of HF's guide, not its older mean
 * of window means).
 */
import { LmforgeError, checkArg } from '../../errors.js';
import type { LanguageModelLike, TokenizerLike } from '../../model/contracts.js';

export interface PerplexityOptions {
  /** Window length; default and maximum: `model.nPositions`. */
  contextLength?: number;
  /** Tokens the window advances by; default `contextLength` (no overlap). Smaller is more accurate and slower. */
  stride?: number;
  /** Needed when texts are given. */
  tokenizer?: TokenizerLike;
}

export interface PerplexityResult {
  perplexity: number;
  /** Mean negative log-likelihood per scored token (nats). */
  meanNll: number;
  /** Tokens scored (the first token of each document has no prediction). */
  tokens: number;
  /** Windows run through the model. */
  windows: number;
  /** Per document, in input order. */
  perDocument: { perplexity: number; meanNll: number; tokens: number }[];
}

type Ids = ArrayLike<number>;

async function documentNll(model: LanguageModelLike, ids: Ids, ctx: number, stride: number, doc: number): Promise<{ nll: number; tokens: number; windows: number }> {
  const n = ids.length;
  let nll = 0;
  let tokens = 0;
  let windows = 0;
  let prevEnd = 0;
  for (let begin = 0; begin < n; begin += stride) {
    const end = Math.min(begin + ctx, n);
    const windowIds = Array.from({ length: end - begin }, (_, i) => ids[begin + i]!);
    if (windowIds.length < 2 && begin === 0) break;
    const lp = await model.tokenLogProbs(windowIds);
    windows++;
    if (lp.length !== windowIds.length - 1) {
      throw new LmforgeError('EVAL_MODEL_OUTPUT', `model.tokenLogProbs returned ${lp.length} values for ${windowIds.length} tokens (expected ${windowIds.length - 1})`);
    }
    // Score positions [max(begin+1, prevEnd), end): the ones the previous window did not score.
    for (let p = Math.max(begin + 1, prevEnd); p < end; p++) {
      const v = lp[p - begin - 1]!;
      if (!Number.isFinite(v)) {
        throw new LmforgeError('EVAL_NON_FINITE', `model.tokenLogProbs gave ${v} for token ${p} of document ${doc} (window starting at ${begin}); the model output is not finite`);
      }
      nll -= v;
      tokens++;
    }
    prevEnd = end;
    if (end === n) break;
  }
  return { nll, tokens, windows };
}

function isIds(x: unknown): x is Ids {
  return x instanceof Uint32Array || x instanceof Int32Array || (Array.isArray(x) && x.every((v) => Number.isInteger(v) && v >= 0));
}

/**
 * Perplexity of `input`: one token sequence, several (documents), one text or several texts
 * (texts need `options.tokenizer`). Documents are scored separately and pooled per token.
 */
export async function perplexity(
  model: LanguageModelLike,
  input: Ids | Ids[] | string | string[],
  options: PerplexityOptions = {},
): Promise<PerplexityResult> {
  checkArg(typeof model === 'object' && model !== null && typeof model.tokenLogProbs === 'function', 'model', 'a LanguageModelLike (with tokenLogProbs)', model);
  const ctx = options.contextLength ?? model.nPositions;
  checkArg(Number.isInteger(ctx) && ctx >= 2, 'options.contextLength', 'an integer >= 2', ctx);
  if (ctx > model.nPositions) {
    throw new LmforgeError('EVAL_BAD_OPTION', `options.contextLength ${ctx} exceeds the model's context (nPositions ${model.nPositions})`);
  }
  const stride = options.stride ?? ctx;
  checkArg(Number.isInteger(stride) && stride >= 1, 'options.stride', 'a positive integer', stride);
  if (stride > ctx) {
    throw new LmforgeError('EVAL_BAD_OPTION', `options.stride ${stride} is larger than contextLength ${ctx}; tokens between windows would never be scored`);
  }
  let docs: Ids[];
  if (typeof input === 'string' || (Array.isArray(input) && input.length > 0 && typeof input[0] === 'string')) {
    const texts = typeof input === 'string' ? [input] : (input as unknown[]);
    const tok = options.tokenizer;
    checkArg(tok !== undefined && typeof tok.encode === 'function', 'options.tokenizer', 'a TokenizerLike when input is text', tok);
    docs = texts.map((t, i) => {
      checkArg(typeof t === 'string', `input[${i}]`, 'a string', t);
      return tok.encode(t);
    });
  } else if (isIds(input)) {
    docs = [input];
  } else if (Array.isArray(input) && input.every(isIds)) {
    docs = input as Ids[];
  } else {
    throw new TypeError('input must be token ids (array of non-negative integers, Uint32Array, Int32Array), an array of those, a string or an array of strings');
  }
  if (docs.length === 0) throw new LmforgeError('EVAL_EMPTY', 'input is empty; nothing to score');
  let nll = 0;
  let tokens = 0;
  let windows = 0;
  const perDocument: PerplexityResult['perDocument'] = [];
  for (let d = 0; d < docs.length; d++) {
    const r = await documentNll(model, docs[d]!, ctx, stride, d);
    nll += r.nll; tokens += r.tokens; windows += r.windows;
    perDocument.push({ tokens: r.tokens, meanNll: r.tokens ? r.nll / r.tokens : NaN, perplexity: r.tokens ? Math.exp(r.nll / r.tokens) : NaN });
  }
  if (tokens === 0) throw new LmforgeError('EVAL_EMPTY', 'input has no document with 2 or more tokens; perplexity needs at least one predicted token');
  const meanNll = nll / tokens;
  return { perplexity: Math.exp(meanNll), meanNll, tokens, windows, perDocument };
}
