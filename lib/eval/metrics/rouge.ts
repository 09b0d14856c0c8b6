/**
 * ROUGE-N, ROUGE-L and ROUGE-Lsum as Google's rouge-score computes them (the package behind HF
 * `evaluate`'s "rouge"), including its tokenizer and, optionally, NLTK's Porter stemmer.
 */
import { LmforgeError, checkArg } from '../../errors.js';
import { checkPaired, checkStrings, referenceLists } from './check.js';
import { porterStem } from './porter.js';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeOptions {
  /** `rouge1`..`rouge9`, `rougeL`, `rougeLsum`. Default `['rouge1', 'rouge2', 'rougeL', 'rougeLsum']`. */
  rougeTypes?: string[];
  /** Porter-stem tokens longer than 3 characters (rouge-score's `use_stemmer`). Default false. */
  useStemmer?: boolean;
}

export interface RougeResult {
  /** Per rouge type: mean precision, recall and F-measure over all pairs. */
  mean: Record<string, RougeScore>;
  /** Per pair, per rouge type (with several references: the one with the best F-measure). */
  perItem: Record<string, RougeScore>[];
}

const DEFAULT_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];
const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

// Corpora repeat words constantly; memoising stems makes stemmed ROUGE nearly as fast as plain.
const stemCache = new Map<string, string>();
function cachedStem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    if (stemCache.size >= 100_000) stemCache.clear();
    s = porterStem(word);
    stemCache.set(word, s);
  }
  return s;
}

/** rouge-score's tokenizer: lowercase, non-[a-z0-9] runs to spaces, split, stem (len > 3), drop empties. */
export function rougeTokenize(text: string, useStemmer = false): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(/\s+/);
  const out: string[] = [];
  for (const t of tokens) {
    const tok = useStemmer && t.length > 3 ? cachedStem(t) : t;
    if (/^[a-z0-9]+$/.test(tok)) out.push(tok);
  }
  return out;
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  // \u0001 cannot occur in a token, so joined keys are unambiguous.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(target: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const t = ngramCounts(target, n);
  const p = ngramCounts(prediction, n);
  let overlap = 0;
  let tTotal = 0;
  let pTotal = 0;
  for (const [k, c] of t) { overlap += Math.min(c, p.get(k) ?? 0); tTotal += c; }
  for (const c of p.values()) pTotal += c;
  const precision = overlap / Math.max(pTotal, 1);
  const recall = overlap / Math.max(tTotal, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** LCS length table, (rows+1) x (cols+1), flattened. */
function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array {
  const cols = can.length + 1;
  const t = new Int32Array((ref.length + 1) * cols);
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      t[i * cols + j] = ref[i - 1] === can[j - 1]
        ? t[(i - 1) * cols + j - 1]! + 1
        : Math.max(t[(i - 1) * cols + j]!, t[i * cols + j - 1]!);
    }
  }
  return t;
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { ...ZERO };
  const t = lcsTable(target, prediction);
  const lcs = t[t.length - 1]!;
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Indices into `ref` of one LCS, read back the way rouge-score's `_backtrack_norec` does (ties go up). */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  const cols = can.length + 1;
  let i = ref.length;
  let j = can.length;
  const out: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) { out.push(i - 1); i--; j--; }
    else if (t[i * cols + j - 1]! > t[(i - 1) * cols + j]!) j--;
    else i--;
  }
  return out.reverse();
}

/** Summary-level LCS (ROUGE paper 3.2) with ROUGE-1.5.5's guard against counting a token twice. */
function summaryLevelLcs(refSents: string[][], canSents: string[][]): RougeScore {
  if (refSents.length === 0 || canSents.length === 0) return { ...ZERO };
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (m === 0 || n === 0) return { ...ZERO };
  const countsR = new Map<string, number>();
  const countsC = new Map<string, number>();
  for (const s of refSents) for (const tok of s) countsR.set(tok, (countsR.get(tok) ?? 0) + 1);
  for (const s of canSents) for (const tok of s) countsC.set(tok, (countsC.get(tok) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const idx of lcsIndices(r, c)) union.add(idx);
    for (const idx of [...union].sort((a, b) => a - b)) {
      const tok = r[idx]!;
      const cc = countsC.get(tok) ?? 0;
      const cr = countsR.get(tok) ?? 0;
      if (cc > 0 && cr > 0) { hits++; countsC.set(tok, cc - 1); countsR.set(tok, cr - 1); }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function checkTypes(types: readonly string[]): void {
  for (const t of types) {
    if (t === 'rougeL' || t === 'rougeLsum') continue;
    const m = /^rouge([1-9])$/.exec(t);
    if (!m) {
      throw new LmforgeError('EVAL_BAD_OPTION', `options.rougeTypes: unknown rouge type "${t}" (use rouge1..rouge9, rougeL or rougeLsum)`);
    }
  }
}

/** Sentences for rougeLsum: rouge-score splits on "\n" and drops empty lines. */
function sentences(text: string): string[] {
  return text.split('\n').filter((s) => s.length > 0);
}

/** Scores one prediction against one target (rouge-score's `RougeScorer.score(target, prediction)`). */
export function rougeScore(target: string, prediction: string, options: RougeOptions = {}): Record<string, RougeScore> {
  checkArg(typeof target === 'string', 'target', 'a string', target);
  checkArg(typeof prediction === 'string', 'prediction', 'a string', prediction);
  const types = options.rougeTypes ?? DEFAULT_TYPES;
  checkTypes(types);
  const stem = options.useStemmer === true;
  const tt = rougeTokenize(target, stem);
  const pt = rougeTokenize(prediction, stem);
  const out: Record<string, RougeScore> = {};
  for (const type of types) {
    if (type === 'rougeL') out[type] = scoreLcs(tt, pt);
    else if (type === 'rougeLsum') {
      out[type] = summaryLevelLcs(
        sentences(target).map((s) => rougeTokenize(s, stem)),
        sentences(prediction).map((s) => rougeTokenize(s, stem)),
      );
    } else out[type] = scoreNgrams(tt, pt, Number(type.slice(5)));
  }
  return out;
}

/**
 * ROUGE over a corpus: each prediction is scored against its reference (or, given several, against
 * each, keeping the best F-measure per type as rouge-score's `score_multi` does); `mean` averages the
 * per-item precision, recall and F-measure (HF evaluate's `use_aggregator=False` then a plain mean;
 * its bootstrap "mid" is a resampled estimate of this same mean).
 * For rougeLsum, put each sentence on its own line.
 */
export function rouge(predictions: string[], references: (string | string[])[], options: RougeOptions = {}): RougeResult {
  checkPaired(predictions, references);
  checkStrings(predictions, 'predictions');
  const refs = referenceLists(references);
  const types = options.rougeTypes ?? DEFAULT_TYPES;
  checkTypes(types);
  const perItem = predictions.map((pred, i) => {
    const best: Record<string, RougeScore> = {};
    for (const ref of refs[i]!) {
      const s = rougeScore(ref, pred, options);
      for (const t of types) if (best[t] === undefined || s[t]!.fmeasure > best[t]!.fmeasure) best[t] = s[t]!;
    }
    return best;
  });
  const mean: Record<string, RougeScore> = {};
  for (const t of types) {
    const acc = { precision: 0, recall: 0, fmeasure: 0 };
    for (const item of perItem) {
      acc.precision += item[t]!.precision; acc.recall += item[t]!.recall; acc.fmeasure += item[t]!.fmeasure;
    }
    mean[t] = { precision: acc.precision / perItem.length, recall: acc.recall / perItem.length, fmeasure: acc.fmeasure / perItem.length };
  }
  return { mean, perItem };
}
