/**
 * Exact match as HF evaluate's `exact_match` (regexes removed, then optional case, punctuation and
 * digit folding), plus SQuAD's answer normalisation (lowercase, drop punctuation and a/an/the, squeeze
 * spaces) as `normalize: 'squad'`.
 */
import { checkArg } from '../../errors.js';
import { checkPaired, checkStrings } from './check.js';

export interface ExactMatchOptions {
  /** Regular expressions whose matches are removed from both sides first. */
  regexesToIgnore?: (string | RegExp)[];
  ignoreCase?: boolean;
  /** Removes ASCII punctuation (Python's `string.punctuation`). */
  ignorePunctuation?: boolean;
  ignoreNumbers?: boolean;
  /** 'squad': SQuAD v1.1 `normalize_answer`, applied after the options above. */
  normalize?: 'none' | 'squad';
}

const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

export function normalizeSquadAnswer(s: string): string {
  return s.toLowerCase().replace(PUNCT, '').replace(/\b(a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean).join(' ');
}

function prepare(s: string, o: ExactMatchOptions, regexes: RegExp[]): string {
  let x = s;
  for (const re of regexes) x = x.replace(re, '');
  if (o.ignoreCase === true) x = x.toLowerCase();
  if (o.ignorePunctuation === true) x = x.replace(PUNCT, '');
  if (o.ignoreNumbers === true) x = x.replace(/[0-9]/g, '');
  if (o.normalize === 'squad') x = normalizeSquadAnswer(x);
  return x;
}

/** Per-item 1/0 matches; with several references per item, a match with any counts. */
export function exactMatchScores(predictions: string[], references: (string | string[])[], options: ExactMatchOptions = {}): number[] {
  checkPaired(predictions, references);
  checkStrings(predictions, 'predictions');
  const regexes = (options.regexesToIgnore ?? []).map((r, i) => {
    checkArg(typeof r === 'string' || r instanceof RegExp, `options.regexesToIgnore[${i}]`, 'a string or RegExp', r);
    return typeof r === 'string' ? new RegExp(r, 'g') : new RegExp(r.source, r.flags.includes('g') ? r.flags : r.flags + 'g');
  });
  return predictions.map((p, i) => {
    const refs = references[i];
    const list = typeof refs === 'string' ? [refs] : refs;
    checkArg(Array.isArray(list) && list.every((r) => typeof r === 'string'), `references[${i}]`, 'a string or an array of strings', refs);
    const pp = prepare(p, options, regexes);
    return list.some((r) => prepare(r, options, regexes) === pp) ? 1 : 0;
  });
}

/** Mean exact match, 0..1. */
export function exactMatch(predictions: string[], references: (string | string[])[], options: ExactMatchOptions = {}): number {
  const s = exactMatchScores(predictions, references, options);
  return s.reduce((a, b) => a + b, 0) / s.length;
}
