/**
 * Corpus BLEU exactly as sacreBLEU 2.x computes it (`BLEU().corpus_score`): the same tokenizers,
 * closest-reference length, clipped n-gram counts, brevity penalty and smoothing methods.
 */
import { LmforgeError, checkArg } from '../../errors.js';
import { checkPaired, checkStrings, referenceLists } from './check.js';
import { bleuTokenizer, pyRstrip, pySplit, type BleuTokenizer } from './bleu-tokenizers.js';

export type BleuSmoothing = 'exp' | 'floor' | 'add-k' | 'none';

export interface BleuOptions {
  /** Default '13a' (sacreBLEU's default). */
  tokenize?: BleuTokenizer;
  /** Lowercase before tokenizing. Default false. */
  lowercase?: boolean;
  /** Default 'exp' (sacreBLEU's corpus default). */
  smoothMethod?: BleuSmoothing;
  /** For 'floor' (default 0.1) and 'add-k' (default 1). */
  smoothValue?: number;
  /** Stop at the largest n-gram order the hypotheses have (sacreBLEU's `effective_order`). Default false. */
  effectiveOrder?: boolean;
  /** Default 4. */
  maxNgramOrder?: number;
}

export interface BleuResult {
  /** BLEU on sacreBLEU's 0..100 scale. */
  score: number;
  /** Clipped n-gram matches per order. */
  counts: number[];
  /** Hypothesis n-grams per order. */
  totals: number[];
  /** Per-order precisions, 0..100. */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  sysLen: number;
  refLen: number;
  /** sacreBLEU-style signature of the settings, for reports. */
  signature: string;
}

const SMOOTH_DEFAULTS: Record<BleuSmoothing, number | undefined> = { none: undefined, floor: 0.1, 'add-k': 1, exp: undefined };

/**
 * N-gram counts keyed by order and token ids: tokens are interned to integers first, so keys cannot
 * collide whatever characters the tokens contain.
 */
function ngrams(tokens: readonly string[], maxOrder: number, vocab: Map<string, number>): Map<string, number> {
  const ids = tokens.map((t) => {
    let id = vocab.get(t);
    if (id === undefined) { id = vocab.size; vocab.set(t, id); }
    return id;
  });
  const out = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= ids.length; i++) {
      let key = `${n}:${ids[i]}`;
      for (let k = 1; k < n; k++) key += `,${ids[i + k]}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (closestDiff === -1 || diff < closestDiff) { closestDiff = diff; closestLen = len; }
    else if (diff === closestDiff && len < closestLen) closestLen = len;
  }
  return closestLen;
}

/** sacreBLEU's `my_log`: log(0) is a large negative number, not -Infinity. */
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

/**
 * BLEU from sufficient statistics (sacreBLEU's `BLEU.compute_bleu`). Exposed so corpus statistics can be
 * accumulated elsewhere and scored once.
 */
export function computeBleu(
  correct: readonly number[], total: readonly number[], sysLen: number, refLen: number,
  options: Pick<BleuOptions, 'smoothMethod' | 'smoothValue' | 'effectiveOrder' | 'maxNgramOrder'> = {},
): Omit<BleuResult, 'signature'> {
  const method = options.smoothMethod ?? 'exp';
  if (!(method in SMOOTH_DEFAULTS)) {
    throw new LmforgeError('EVAL_BAD_OPTION', `options.smoothMethod must be 'exp', 'floor', 'add-k' or 'none', got "${String(method)}"`);
  }
  const smoothValue = options.smoothValue ?? SMOOTH_DEFAULTS[method] ?? 0;
  const maxOrder = options.maxNgramOrder ?? 4;
  const counts = [...correct];
  const totals = [...total];
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  // sacreBLEU #141: no match of any order scores 0 whatever the smoothing.
  if (!counts.some((c) => c !== 0)) {
    return { score: 0, counts, totals, precisions, bp, sysLen, refLen };
  }
  let smoothMteval = 1;
  let effOrder = maxOrder;
  const c = [...counts];
  const t = [...totals];
  for (let n = 1; n <= maxOrder; n++) {
    if (method === 'add-k' && n > 1) { c[n - 1]! += smoothValue; t[n - 1]! += smoothValue; }
    if (t[n - 1] === 0) break;
    if (options.effectiveOrder === true) effOrder = n;
    if (c[n - 1] === 0) {
      if (method === 'exp') { smoothMteval *= 2; precisions[n - 1] = 100 / (smoothMteval * t[n - 1]!); }
      else if (method === 'floor') precisions[n - 1] = (100 * smoothValue) / t[n - 1]!;
    } else precisions[n - 1] = (100 * c[n - 1]!) / t[n - 1]!;
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += myLog(precisions[i]!);
  const score = bp * Math.exp(logSum / effOrder);
  return { score, counts, totals, precisions, bp, sysLen, refLen };
}

/**
 * Corpus BLEU. `references[i]` is the reference for `hypotheses[i]`, or an array of alternative
 * references for it (sacreBLEU takes the same data as reference *streams*: `refs[k][i]`).
 */
export function bleu(hypotheses: string[], references: (string | string[])[], options: BleuOptions = {}): BleuResult {
  checkPaired(hypotheses, references, 'hypotheses');
  checkStrings(hypotheses, 'hypotheses');
  const refs = referenceLists(references);
  const tokName = options.tokenize ?? '13a';
  if (!['13a', 'none', 'char', 'intl'].includes(tokName)) {
    throw new LmforgeError('EVAL_BAD_OPTION', `options.tokenize must be '13a', 'none', 'char' or 'intl', got "${String(tokName)}"`);
  }
  const maxOrder = options.maxNgramOrder ?? 4;
  checkArg(Number.isInteger(maxOrder) && maxOrder >= 1, 'options.maxNgramOrder', 'a positive integer', maxOrder);
  if (options.smoothValue !== undefined) {
    checkArg(Number.isFinite(options.smoothValue) && options.smoothValue >= 0, 'options.smoothValue', 'a finite number >= 0', options.smoothValue);
  }
  const tok = bleuTokenizer(tokName);
  const pre = (s: string): string[] => pySplit(tok(pyRstrip(options.lowercase === true ? s.toLowerCase() : s)));

  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  let sysLen = 0;
  let refLen = 0;
  const vocab = new Map<string, number>();
  for (let i = 0; i < hypotheses.length; i++) {
    const hyp = pre(hypotheses[i]!);
    const refNgrams = new Map<string, number>();
    const refLens: number[] = [];
    for (const r of refs[i]!) {
      const rt = pre(r);
      refLens.push(rt.length);
      for (const [k, v] of ngrams(rt, maxOrder, vocab)) if ((refNgrams.get(k) ?? 0) < v) refNgrams.set(k, v);
    }
    sysLen += hyp.length;
    refLen += closestRefLen(hyp.length, refLens);
    for (const [k, v] of ngrams(hyp, maxOrder, vocab)) {
      const n = Number(k.slice(0, k.indexOf(':')));
      total[n - 1]! += v;
      const r = refNgrams.get(k);
      if (r !== undefined) correct[n - 1]! += Math.min(v, r);
    }
  }
  const method = options.smoothMethod ?? 'exp';
  const result = computeBleu(correct, total, sysLen, refLen, { ...options, smoothMethod: method, maxNgramOrder: maxOrder });
  const nrefs = Math.max(...refs.map((r) => r.length));
  const smoothPart = method === 'floor' || method === 'add-k'
    ? `${method}[${options.smoothValue ?? SMOOTH_DEFAULTS[method]}]` : method;
  const signature = `nrefs:${nrefs}|case:${options.lowercase === true ? 'lc' : 'mixed'}|eff:${options.effectiveOrder === true ? 'yes' : 'no'}|tok:${tokName}|smooth:${smoothPart}|lmforge`;
  return { ...result, signature };
}

/**
 * Sentence BLEU with sacreBLEU's `sentence_score` defaults (exp smoothing, effective order), for
 * per-item scores in error analysis; corpus BLEU is the number to report.
 */
export function sentenceBleu(hypothesis: string, references: string | string[], options: BleuOptions = {}): BleuResult {
  checkArg(typeof hypothesis === 'string', 'hypothesis', 'a string', hypothesis);
  return bleu([hypothesis], [references], { effectiveOrder: true, ...options });
}
