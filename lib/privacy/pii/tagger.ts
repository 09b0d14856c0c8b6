/**
 * A learned second opinion on names: a logistic-regression token tagger that scores each
 * capitalised token (and each lower-case word a name list holds) as part of a person's name or not,
 * from the word itself, its spelling, the name lists, and the words and punctuation around it (the
 * shape of a classic feature-based NER tagger, with hashed features so the model is a flat weight
 * table).
 *
 * Why: the hand-written rules recognise the document shapes they were written for; on fresh
 * documents they miss names in contexts no rule anticipated. The tagger learns what the labelled
 * sets say about names in context. It adds names only where no recognizer claimed the text (claimed
 * tokens are not scored), and it vetoes a rule's weaker name guess that it reads as no name
 * (RULE_VETO).
 *
 * The weights are trained by `scripts/train-pii-tagger.mjs` from the labelled sets in
 * test/fixtures/privacy and shipped in tagger-weights.generated.ts.
 */
import { TAGGER_WEIGHTS_B64, TAGGER_BITS } from './tagger-weights.generated.js';
import type { Candidate } from './types.js';

/** A capitalised token as the name recognizer tokenises it. */
export interface TaggerToken {
  start: number;
  end: number;
  lower: string;
  shape: 'cap' | 'upper' | 'initial' | 'lower';
}

/** Name-list evidence for a lower-cased word, as bits (see CLASS_* below). */
export type WordClass = (lower: string) => number;

export const CLASS_FIRST = 1;
export const CLASS_SURNAME = 2;
export const CLASS_WEAK = 4;
export const CLASS_PLACE = 8;
export const CLASS_DICT = 16;
export const CLASS_COMMON = 32;
export const CLASS_TITLE = 64;
export const CLASS_FOREIGN = 128;

/**
 * Tokens the model never calls a name: ordinary words (English, common, another language's function
 * word) that no name list holds. In the labelled sets such tokens were a name's 0.4% of the time,
 * nearly all initials ("T."), which are exempt. Skipping them saves a third of the scoring. (Places
 * stay in scope, "Pereira", "Aydın": a lone place needs a higher bar, TaggerThresholds.alonePlace.)
 */
export function outOfScope(t: TaggerToken, cls: number): boolean {
  if (t.shape === 'initial' || (cls & (CLASS_FIRST | CLASS_SURNAME)) !== 0) return false;
  return (cls & CLASS_WEAK) === 0 && (cls & (CLASS_COMMON | CLASS_DICT | CLASS_FOREIGN)) !== 0;
}

/** Features per token (the templates in tokenFeatures). */
export const FEATURES_PER_TOKEN = 20;

/** FNV-1a over a string's UTF-16 units from `from` on (a suffix's hash without slicing it off). */
function fnv(s: string, from = 0): number {
  let h = 0x811c9dc5;
  for (let k = from; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a of text[s, e) lower-cased character by character, without making the string. */
function fnvLower(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) {
    let c = text.charCodeAt(k);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
    } else {
      // Rare: lower-case through the string API (one char may lower to several units).
      const l = text[k]!.toLowerCase();
      for (let j = 0; j < l.length - 1; j++) {
        h ^= l.charCodeAt(j);
        h = Math.imul(h, 0x01000193);
      }
      c = l.charCodeAt(l.length - 1);
    }
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The table slot of (template, value): a murmur-style finaliser so templates do not collide in bulk. */
function slot(template: number, value: number, bits: number): number {
  let h = (value ^ Math.imul(template + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) >>> (32 - bits);
}

/**
 * Whether code unit c beyond ASCII is a letter (it has case) or a combining mark, memoised per code
 * unit: the test makes two strings, and the word scans below ask it for every accented character.
 * 0 = not yet known, 1 = no, 2 = yes.
 */
const NON_ASCII_LETTER = new Uint8Array(0x10000);

function isLetterCode(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let known = NON_ASCII_LETTER[c]!;
  if (known === 0) {
    const ch = String.fromCharCode(c);
    known = ch.toLowerCase() !== ch.toUpperCase() || (c >= 0x300 && c <= 0x36f) ? 2 : 1;
    NON_ASCII_LETTER[c] = known;
  }
  return known === 2;
}

/**
 * What separates two words, as a small class: line break, colon, sentence end, comma, bracket,
 * quote, digits or @, dash or bar, other punctuation, or plain space (0).
 */
function sepClass(text: string, from: number, to: number): number {
  if (from <= 0 && to <= 0) return 1;
  let cls = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return 1;
    if (c === 58) cls = 2;
    else if ((c === 46 || c === 33 || c === 63) && cls !== 2) cls = 3;
    else if (c === 44 && cls === 0) cls = 4;
    else if ((c === 40 || c === 91 || c === 41 || c === 93) && cls === 0) cls = 5;
    else if ((c === 34 || c === 39 || c === 0x201c || c === 0x201d || c === 0x2019) && cls === 0) cls = 6;
    else if (((c >= 48 && c <= 57) || c === 64) && cls === 0) cls = 7;
    else if ((c === 45 || c === 0x2013 || c === 0x2014 || c === 124) && cls === 0) cls = 8;
    else if (c !== 32 && c !== 9 && cls === 0) cls = 9;
  }
  return cls;
}

/** Case of a word: 1 capitalised, 2 all caps, 3 lower case. */
function caseOf(text: string, s: number, e: number): number {
  const c = text.charCodeAt(s);
  const up = c < 128 ? c >= 65 && c <= 90 : text[s] !== text[s]!.toLowerCase();
  if (!up) return 3;
  if (e - s === 1) return 1;
  const c1 = text.charCodeAt(s + 1);
  const up1 = c1 < 128 ? c1 >= 65 && c1 <= 90 : text[s + 1] !== text[s + 1]!.toLowerCase();
  return up1 ? 2 : 1;
}

const SCAN = 24;

/**
 * The end of the word most recently found by wordBefore or wordAfter. (They return the start and
 * leave the end here rather than returning a pair: tokenFeatures asks for six words per token, and
 * the pairs were a measurable share of its cost.)
 */
let wordEnd = -1;

/** The start of the word ending at or before `pos` on the same line (its end in wordEnd), or -1. */
function wordBefore(text: string, pos: number): number {
  let k = pos - 1;
  const stop = Math.max(0, pos - SCAN);
  while (k >= stop && !isLetterCode(text, k)) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return (wordEnd = -1);
    k--;
  }
  if (k < stop) return (wordEnd = -1);
  const e = k + 1;
  while (k >= 0 && e - k <= 40 && (isLetterCode(text, k) || ((text.charCodeAt(k) === 39 || text.charCodeAt(k) === 45) && k > 0 && isLetterCode(text, k - 1)))) k--;
  wordEnd = e;
  return k + 1;
}

/** The start of the word starting at or after `pos` on the same line (its end in wordEnd), or -1. */
function wordAfter(text: string, pos: number): number {
  let k = pos;
  const stop = Math.min(text.length, pos + SCAN);
  while (k < stop && !isLetterCode(text, k)) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return (wordEnd = -1);
    k++;
  }
  if (k >= stop) return (wordEnd = -1);
  const s = k;
  while (k < text.length && k - s < 40 && (isLetterCode(text, k) || ((text.charCodeAt(k) === 39 || text.charCodeAt(k) === 45) && k + 1 < text.length && isLetterCode(text, k + 1)))) k++;
  wordEnd = k;
  return s;
}

const NONE = fnv('<none>');

/** Only spaces, tabs and punctuation between the line start (or text start) and `pos`. */
function opensLine(text: string, pos: number): boolean {
  for (let k = pos - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (isLetterCode(text, k) || (c >= 48 && c <= 57)) return false;
  }
  return true;
}

/**
 * Writes the feature slots of token `t` into `out` (FEATURES_PER_TOKEN of them) and returns `out`.
 * The same function serves training and detection, so the two cannot drift apart.
 */
export function tokenFeatures(text: string, t: TaggerToken, classOf: WordClass, out: Int32Array, bits: number): Int32Array {
  const w = t.lower;
  const cls = classOf(w);
  const len = Math.min(w.length, 9);
  const shape = t.shape === 'cap' ? 0 : t.shape === 'upper' ? 1 : t.shape === 'initial' ? 2 : 3;
  const tail = text.charCodeAt(t.end - 1) === 46 ? t.end - 1 : t.end;

  const ps = wordBefore(text, t.start);
  const pe = wordEnd;
  const ns = wordAfter(text, t.end);
  const ne = wordEnd;
  const prev = ps < 0 ? '' : text.slice(ps, pe).toLowerCase();
  const next = ns < 0 ? '' : text.slice(ns, ne).toLowerCase();
  // (No word before on this line within reach: the token opens its line, or follows a long run of
  // punctuation, which counts as "other".)
  const sepB = ps >= 0 ? sepClass(text, pe, t.start) : opensLine(text, t.start) ? 1 : 9;
  const sepA = ns < 0 ? 1 : sepClass(text, tail, ns);
  const prevCls = prev === '' ? 1024 : classOf(prev) | (caseOf(text, ps, pe) << 8);
  const nextCls = next === '' ? 1024 : classOf(next) | (caseOf(text, ns, ne) << 8);
  const p2s = ps < 0 ? -1 : wordBefore(text, ps);
  const prev2 = p2s < 0 ? NONE : fnvLower(text, p2s, wordEnd);
  const n2s = ns < 0 ? -1 : wordAfter(text, ne);
  const next2 = n2s < 0 ? NONE : fnvLower(text, n2s, wordEnd);

  // The first word of the line ("From", "Patient", "Dear"), when it is not this token.
  let ls = t.start;
  const lstop = Math.max(0, t.start - 120);
  while (ls > lstop && text.charCodeAt(ls - 1) !== 10) ls--;
  const fs = ls === t.start ? -1 : wordAfter(text, ls);
  const lineFirst = fs < 0 || fs >= t.start ? NONE : fnvLower(text, fs, wordEnd);
  // Words before this one on its line (0, 1, 2, 3+), counting on from the two already found.
  const before = ps < 0 ? 0 : p2s < 0 ? 1 : wordBefore(text, p2s) < 0 ? 2 : 3;

  const hw = fnv(w);
  const hp = prev === '' ? NONE : fnv(prev);
  const hn = next === '' ? NONE : fnv(next);
  let n = 0;
  out[n++] = slot(0, 0, bits);
  out[n++] = slot(1, hw, bits);
  out[n++] = slot(2, fnv(w, Math.max(0, w.length - 3)), bits);
  out[n++] = slot(3, shape * 16 + len, bits);
  out[n++] = slot(4, cls, bits);
  out[n++] = slot(5, hp, bits);
  out[n++] = slot(6, hn, bits);
  out[n++] = slot(7, sepB, bits);
  out[n++] = slot(8, sepA, bits);
  out[n++] = slot(9, prevCls, bits);
  out[n++] = slot(10, nextCls, bits);
  out[n++] = slot(11, prev2, bits);
  out[n++] = slot(12, next2, bits);
  out[n++] = slot(13, lineFirst, bits);
  out[n++] = slot(14, before * 16 + sepB, bits);
  out[n++] = slot(15, cls * 16 + sepB, bits);
  out[n++] = slot(16, (cls << 11) | nextCls, bits);
  out[n++] = slot(17, (hp ^ Math.imul(cls + 1, 0x27d4eb2d)) >>> 0, bits);
  out[n++] = slot(18, fnv(w, Math.max(0, w.length - 2)), bits);
  out[n++] = slot(19, (cls << 4) | shape | (sepA << 12), bits);
  return out;
}

let weights: Float32Array | undefined;

/** Decodes a shipped weight string: pairs of (uint32 slot, int16 weight × 1/1024). */
export function decodeWeights(b64: string, bits: number): Float32Array {
  const w = new Float32Array(1 << bits);
  const bytes = Buffer.from(b64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k + 6 <= bytes.length; k += 6) w[view.getUint32(k, true)] = view.getInt16(k + 4, true) / 1024;
  return w;
}

/** The shipped weight table, decoded once. */
function table(): Float32Array {
  return (weights ??= decodeWeights(TAGGER_WEIGHTS_B64, TAGGER_BITS));
}

/** Encodes a trained table as the shipped string (the inverse of table()). */
export function encodeWeights(w: Float32Array, minAbs: number): string {
  const pairs: number[] = [];
  for (let k = 0; k < w.length; k++) if (Math.abs(w[k]!) >= minAbs) pairs.push(k);
  const buf = Buffer.alloc(pairs.length * 6);
  pairs.forEach((k, j) => {
    buf.writeUInt32LE(k, j * 6);
    buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(w[k]! * 1024))), j * 6 + 4);
  });
  return buf.toString('base64');
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

const FEATS = new Int32Array(FEATURES_PER_TOKEN);

/** Probability that token `t` is part of a person's name, under the shipped model. */
export function personProbability(text: string, t: TaggerToken, classOf: WordClass): number {
  const w = table();
  tokenFeatures(text, t, classOf, FEATS, TAGGER_BITS);
  let z = 0;
  for (let k = 0; k < FEATURES_PER_TOKEN; k++) z += w[FEATS[k]!]!;
  return sigmoid(z);
}

/** Lower-case particles inside a name: "Maria do Carmo", "Gerrit-Jan van 't Hof", "Ahmed bin Rashid". */
const PARTICLE_GAP = /^ (?:van|von|de|del|della|der|den|da|di|du|do|dos|das|la|le|bin|bint|al|el|ibn|ten|ter|y|e|zu)(?: (?:der|den|de|la|los|las|'t|’t))? $/;

/** Probability bars for taggedSpans. */
export interface TaggerThresholds {
  /** At least one token of a span scores this or more. */
  high: number;
  /** Every token of a span scores this or more (hysteresis: a rare middle name between a known given name and a known surname stays inside the name). */
  low: number;
  /** A span of one token needs this (most of the tagger's mistakes are single capitalised words). */
  alone: number;
  /** A span of one token that is also a place's name ("Carolina", "Florence") or an English word ("Grace", "Will"), or is in lower case, needs this. */
  alonePlace: number;
}

/**
 * Spans of consecutive tokens (joined by single spaces) that the model calls a name under the bars
 * of `th`. Tokens touching a `claimed` range (sorted by start, disjoint: what the recognizers found)
 * are not scored and end a span: the tagger only adds names where no recognizer found anything.
 * Returns [start, end, highest probability]. A token's trailing dot stays only on an initial ("J.").
 */
export function taggedSpans(text: string, toks: readonly TaggerToken[], classOf: WordClass, th: TaggerThresholds, claimed: ReadonlyArray<readonly [number, number]> = [], prob = personProbability): Array<[number, number, number]> {
  const spans: Array<[number, number, number]> = [];
  let open = -1;
  let end = 0;
  let pmax = 0;
  let count = 0;
  let place = false;
  let r = 0;
  const close = () => {
    if (open >= 0 && pmax >= (count > 1 ? th.high : place ? th.alonePlace : th.alone)) spans.push([open, end, pmax]);
    open = -1;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    while (r < claimed.length && claimed[r]![1] <= t.start) r++;
    const taken = r < claimed.length && claimed[r]![0] < t.end;
    const cls = classOf(t.lower);
    const p = taken || outOfScope(t, cls) ? 0 : prob(text, t, classOf);
    if (p < th.low) {
      close();
      continue;
    }
    const e = t.shape !== 'initial' && text.charCodeAt(t.end - 1) === 46 ? t.end - 1 : t.end;
    if (open >= 0 && ((t.start - end === 1 && text.charCodeAt(end) === 32) || (t.start - end <= 12 && PARTICLE_GAP.test(text.slice(end, t.start))))) {
      end = e;
      pmax = Math.max(pmax, p);
      count++;
    } else {
      close();
      open = t.start;
      end = e;
      pmax = p;
      count = 1;
      place = (cls & (CLASS_PLACE | CLASS_DICT)) !== 0 || t.shape === 'lower';
    }
  }
  close();
  return spans;
}

/** The index of the first of `toks` (sorted by start) that starts at or after `start`: a binary search. */
export function firstTokenFrom(toks: ReadonlyArray<{ start: number }>, start: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether the model reads none of the tokens in [start, end) as a name (every one below `below`):
 * then a rule's less certain name guess there is dropped. Spans without tokens are never rejected.
 * `toks` are sorted by start.
 */
export function taggerRejects(text: string, toks: readonly TaggerToken[], classOf: WordClass, start: number, end: number, below: number): boolean {
  let any = false;
  for (let k = firstTokenFrom(toks, start); k < toks.length && toks[k]!.end <= end; k++) {
    any = true;
    if (personProbability(text, toks[k]!, classOf) >= below) return false;
  }
  return any;
}

/**
 * A span opens at a token the model gives ≥ 0.6 and extends over neighbours it gives ≥ 0.2; a lone
 * word needs 0.8, and 0.95 when it is also a place's name or an English word, or is in lower case.
 * (Chosen by leave-one-round-out runs over the hand-written sets, see scripts/train-pii-tagger.mjs
 * --cv, and by reading what the tagger adds on the SOTU speeches and spam-assassin mail, where places
 * were its commonest mistake.)
 */
export const TAGGER_THRESHOLDS: TaggerThresholds = { high: 0.6, low: 0.2, alone: 0.8, alonePlace: 0.95 };

/**
 * A rule's name scoring below 0.9 is dropped when the tagger gives each of its tokens less than 0.1.
 * (In the leave-one-round-out replay this raised character precision from 0.962 to 0.971 at a cost
 * of 0.002 in entity recall.)
 */
export const RULE_VETO = { below: 0.1, ruleScoreUnder: 0.9 };

/** A capitalised word after an article or determiner is a thing ("on a Mac", "the Ritz", "my Ford"). */
const DETERMINER_BEFORE = /(?:^|[^\p{L}])(?:a|an|the|this|that|these|those|my|your|our|their|its|his|every|each|any|some|no) $/iu;

/**
 * The tagger's names as PERSON candidates. Scores run from 0.5 (p = 0.6) to 0.8 (p = 1): below the
 * rules' confident names, so a user's minScore can keep only rule-backed names.
 */
export function scanTaggedNames(text: string, toks: readonly TaggerToken[], classOf: WordClass, claimed: ReadonlyArray<readonly [number, number]>, out: Candidate[]): void {
  const { high } = TAGGER_THRESHOLDS;
  for (const [s, e, p] of taggedSpans(text, toks, classOf, TAGGER_THRESHOLDS, claimed)) {
    if (DETERMINER_BEFORE.test(text.slice(Math.max(0, s - 7), s))) continue;
    out.push({ type: 'PERSON', start: s, end: e, text: text.slice(s, e), score: Math.round((0.5 + ((p - high) / (1 - high)) * 0.3) * 1000) / 1000 });
  }
}
