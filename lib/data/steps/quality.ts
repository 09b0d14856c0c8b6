import type { DataRecord, Step, StepResult } from '../record.js';
import { newStepStats } from '../record.js';
import { hasAlpha, isSymbolWord, splitWords } from './words.js';

/**
 * Gopher quality rules (Rae et al. 2021, appendix A), defaults as published and as in datatrove's
 * GopherQualityFilter. Set a threshold to null to turn that rule off.
 */
export interface GopherQualityOptions {
  /** Apply only to records whose `meta.lang` is one of these (others pass). Default: all records. */
  languages?: string[] | null;
  minDocWords?: number | null;
  maxDocWords?: number | null;
  minAvgWordLength?: number | null;
  maxAvgWordLength?: number | null;
  /** Max `#` per word and max `...`/`…` per word. */
  maxSymbolWordRatio?: number | null;
  maxBulletLinesRatio?: number | null;
  maxEllipsisLinesRatio?: number | null;
  /** Min fraction of words with an alphabetic character (named "max" in datatrove; it is a lower bound). */
  minAlphaWordsRatio?: number | null;
  minStopWords?: number | null;
  stopWords?: string[];
}

export const GOPHER_STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'];

type Resolved<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

/**
 * The word-based rules assume space-separated words (they would drop every Chinese or Japanese
 * document as "too short"): with `languages` set, records whose `meta.lang` (from LanguageFilter)
 * is another language pass through untouched and are counted as `skipped_language`.
 */
function skipForLanguage(languages: string[] | null, record: DataRecord, counters: Record<string, number>): boolean {
  const lang = record.meta['lang'];
  if (!languages || typeof lang !== 'string' || languages.includes(lang)) return false;
  counters['skipped_language'] = (counters['skipped_language'] ?? 0) + 1;
  return true;
}

export class GopherQualityFilter implements Step<Resolved<GopherQualityOptions>> {
  readonly name = 'gopher_quality';
  readonly config: Resolved<GopherQualityOptions>;
  readonly stats = newStepStats();
  private readonly stop: Set<string>;

  constructor(options: GopherQualityOptions = {}) {
    this.config = {
      minDocWords: options.minDocWords === undefined ? 50 : options.minDocWords,
      maxDocWords: options.maxDocWords === undefined ? 100_000 : options.maxDocWords,
      minAvgWordLength: options.minAvgWordLength === undefined ? 3 : options.minAvgWordLength,
      maxAvgWordLength: options.maxAvgWordLength === undefined ? 10 : options.maxAvgWordLength,
      maxSymbolWordRatio: options.maxSymbolWordRatio === undefined ? 0.1 : options.maxSymbolWordRatio,
      maxBulletLinesRatio: options.maxBulletLinesRatio === undefined ? 0.9 : options.maxBulletLinesRatio,
      maxEllipsisLinesRatio: options.maxEllipsisLinesRatio === undefined ? 0.3 : options.maxEllipsisLinesRatio,
      minAlphaWordsRatio: options.minAlphaWordsRatio === undefined ? 0.8 : options.minAlphaWordsRatio,
      languages: options.languages ?? null,
      minStopWords: options.minStopWords === undefined ? 2 : options.minStopWords,
      stopWords: options.stopWords ?? GOPHER_STOP_WORDS,
    };
    this.stop = new Set(this.config.stopWords);
  }

  /** The first rule the text breaks (datatrove's reason names), or null when it passes. */
  check(text: string): string | null {
    const c = this.config;
    const words = splitWords(text);
    const nWords = words.length;
    const content = words.filter((w) => !isSymbolWord(w));
    const n = content.length;
    if (c.minDocWords !== null && n < c.minDocWords) return 'gopher_short_doc';
    if (c.maxDocWords !== null && n > c.maxDocWords) return 'gopher_long_doc';
    const avg = n ? content.reduce((a, w) => a + [...w].length, 0) / n : 0;
    if (c.minAvgWordLength !== null && avg < c.minAvgWordLength) return 'gopher_below_avg_threshold';
    if (c.maxAvgWordLength !== null && avg > c.maxAvgWordLength) return 'gopher_above_avg_threshold';
    if (nWords === 0) return 'gopher_short_doc';
    if (c.maxSymbolWordRatio !== null) {
      if (count(text, '#') / nWords > c.maxSymbolWordRatio) return 'gopher_too_many_hashes';
      if ((count(text, '...') + count(text, '…')) / nWords > c.maxSymbolWordRatio) return 'gopher_too_many_ellipsis';
    }
    const lines = text.split(/\r\n|\r|\n/);
    if (c.maxBulletLinesRatio !== null) {
      const bullets = lines.filter((l) => { const s = l.trimStart(); return s.startsWith('•') || s.startsWith('-'); }).length;
      if (bullets / lines.length > c.maxBulletLinesRatio) return 'gopher_too_many_bullets';
    }
    if (c.maxEllipsisLinesRatio !== null) {
      const ell = lines.filter((l) => { const s = l.trimEnd(); return s.endsWith('...') || s.endsWith('…'); }).length;
      if (ell / lines.length > c.maxEllipsisLinesRatio) return 'gopher_too_many_end_ellipsis';
    }
    if (c.minAlphaWordsRatio !== null && words.filter(hasAlpha).length / nWords < c.minAlphaWordsRatio) return 'gopher_below_alpha_threshold';
    if (c.minStopWords !== null) {
      let stops = 0;
      for (const w of words) if (this.stop.has(w)) stops++;
      if (stops < c.minStopWords) return 'gopher_enough_stop_words';
    }
    return null;
  }

  process(record: DataRecord): StepResult {
    if (skipForLanguage(this.config.languages, record, this.stats.counters)) return record;
    const reason = this.check(record.text);
    return reason ? { drop: reason } : record;
  }
}

function count(text: string, sub: string): number {
  let n = 0, i = text.indexOf(sub);
  while (i >= 0) { n++; i = text.indexOf(sub, i + sub.length); }
  return n;
}

/** Gopher repetition rules (Rae et al. 2021, table A1), defaults as in datatrove's GopherRepetitionFilter. */
export interface GopherRepetitionOptions {
  /** Apply only to records whose `meta.lang` is one of these (others pass). Default: all records. */
  languages?: string[] | null;
  dupLineFrac?: number | null;
  dupParaFrac?: number | null;
  dupLineCharFrac?: number | null;
  dupParaCharFrac?: number | null;
  /** [n, max fraction of characters in the most frequent n-gram]. */
  topNGrams?: [number, number][];
  /** [n, max fraction of characters in duplicated n-grams]. */
  dupNGrams?: [number, number][];
}

function dupStats(segments: string[]): { dups: number; dupChars: number } {
  const seen = new Set<string>();
  let dups = 0, dupChars = 0;
  for (const s of segments) {
    if (seen.has(s)) { dups++; dupChars += s.length; } else seen.add(s);
  }
  return { dups, dupChars };
}

export class GopherRepetitionFilter implements Step<Resolved<GopherRepetitionOptions>> {
  readonly name = 'gopher_repetition';
  readonly config: Resolved<GopherRepetitionOptions>;
  readonly stats = newStepStats();

  constructor(options: GopherRepetitionOptions = {}) {
    this.config = {
      languages: options.languages ?? null,
      dupLineFrac: options.dupLineFrac === undefined ? 0.3 : options.dupLineFrac,
      dupParaFrac: options.dupParaFrac === undefined ? 0.3 : options.dupParaFrac,
      dupLineCharFrac: options.dupLineCharFrac === undefined ? 0.2 : options.dupLineCharFrac,
      dupParaCharFrac: options.dupParaCharFrac === undefined ? 0.2 : options.dupParaCharFrac,
      topNGrams: options.topNGrams ?? [[2, 0.2], [3, 0.18], [4, 0.16]],
      dupNGrams: options.dupNGrams ?? [[5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.1]],
    };
  }

  check(text: string): string | null {
    const c = this.config;
    const len = text.length;
    if (len === 0) return null;
    const paragraphs = text.trim().split(/\n{2,}/);
    const p = dupStats(paragraphs);
    if (c.dupParaFrac !== null && p.dups / paragraphs.length > c.dupParaFrac) return 'dup_para_frac';
    if (c.dupParaCharFrac !== null && p.dupChars / len > c.dupParaCharFrac) return 'dup_para_char_frac';
    const lines = text.split(/\n+/);
    const l = dupStats(lines);
    if (c.dupLineFrac !== null && l.dups / lines.length > c.dupLineFrac) return 'dup_line_frac';
    if (c.dupLineCharFrac !== null && l.dupChars / len > c.dupLineCharFrac) return 'dup_line_char_frac';
    const words = splitWords(text);
    if (words.length === 0) return null;
    // n-grams are compared by a 53-bit hash of their word ids instead of joined strings: the
    // same decisions as datatrove's string n-grams (collisions have odds ~2^-53) at a fraction of the cost.
    const ids = new Int32Array(words.length);
    const lens = new Int32Array(words.length);
    const vocab = new Map<string, number>();
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      let id = vocab.get(w);
      if (id === undefined) { id = vocab.size; vocab.set(w, id); }
      ids[i] = id;
      lens[i] = w.length;
    }
    const gramKey = (i: number, n: number): number => {
      let h1 = 0x811c9dc5 | 0, h2 = n | 0;
      for (let j = i; j < i + n; j++) {
        h1 = Math.imul(h1 ^ ids[j]!, 0x01000193);
        h2 = Math.imul(h2 + ids[j]! + 0x9e3779b9, 0x85ebca6b) ^ (h2 >>> 13);
      }
      return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
    };
    const gramChars = (i: number, n: number): number => {
      let s = 0;
      for (let j = i; j < i + n; j++) s += lens[j]!;
      return s;
    };
    for (const [n, frac] of c.topNGrams) {
      if (words.length < n) continue;
      const counts = new Map<number, number>();
      let best = 0, bestLen = 0;
      for (let i = 0; i + n <= words.length; i++) {
        const g = gramKey(i, n);
        const k = (counts.get(g) ?? 0) + 1;
        counts.set(g, k);
        // Counter.most_common(1) keeps the first-seen n-gram among equal counts; joined with spaces.
        if (k > best) { best = k; bestLen = gramChars(i, n) + n - 1; }
      }
      if ((bestLen * best) / len > frac) return `top_${n}_gram`;
    }
    for (const [n, frac] of c.dupNGrams) {
      const seen = new Set<number>();
      let repeated = 0, i = 0;
      while (i < words.length - n + 1) {
        const g = gramKey(i, n);
        // datatrove joins these with "" (no separator), so their length is the sum of word lengths.
        if (seen.has(g)) { repeated += gramChars(i, n); i += n; } else { seen.add(g); i++; }
      }
      if (repeated / len > frac) return `duplicated_${n}_n_grams`;
    }
    return null;
  }

  process(record: DataRecord): StepResult {
    if (skipForLanguage(this.config.languages, record, this.stats.counters)) return record;
    const reason = this.check(record.text);
    return reason ? { drop: reason } : record;
  }
}

/** C4 line and document rules (Raffel et al. 2020), defaults as in datatrove's C4QualityFilter. */
export interface C4Options {
  /** Apply only to records whose `meta.lang` is one of these (others pass). Default: all records. */
  languages?: string[] | null;
  removeCitations?: boolean;
  filterNoTerminalPunct?: boolean;
  minNumSentences?: number | null;
  minWordsPerLine?: number | null;
  maxWordLength?: number | null;
  filterLoremIpsum?: boolean;
  filterJavascript?: boolean;
  filterCurlyBracket?: boolean;
  filterPolicy?: boolean;
}

const END_PUNCTUATION = ['.', '?', '!', '"', "'"];
const CITATION = /\[\d*\]|\[edit\]|\[citation needed\]/gi;
const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];

/** Sentence count the way C4 needs it: terminal punctuation followed by space or end. */
function countSentences(line: string): number {
  const m = line.match(/[^.!?]+(?:[.!?]+["')\]]*(?=\s|$)|$)/g);
  return m ? m.filter((s) => s.trim().length > 0).length : 0;
}

export class C4QualityFilter implements Step<Resolved<C4Options>> {
  readonly name = 'c4_quality';
  readonly config: Resolved<C4Options>;
  readonly stats = newStepStats();

  constructor(options: C4Options = {}) {
    this.config = {
      languages: options.languages ?? null,
      removeCitations: options.removeCitations ?? true,
      filterNoTerminalPunct: options.filterNoTerminalPunct ?? true,
      minNumSentences: options.minNumSentences === undefined ? 5 : options.minNumSentences,
      minWordsPerLine: options.minWordsPerLine === undefined ? 3 : options.minWordsPerLine,
      maxWordLength: options.maxWordLength === undefined ? 1000 : options.maxWordLength,
      filterLoremIpsum: options.filterLoremIpsum ?? true,
      filterJavascript: options.filterJavascript ?? true,
      filterCurlyBracket: options.filterCurlyBracket ?? true,
      filterPolicy: options.filterPolicy ?? true,
    };
  }

  private lineDrop(reason: string): void {
    const k = `line_${reason}`;
    this.stats.counters[k] = (this.stats.counters[k] ?? 0) + 1;
  }

  /** The kept text, or a document-level drop reason. */
  apply(text: string): { text: string } | { drop: string } {
    const c = this.config;
    const kept: string[] = [];
    let sentences = 0;
    for (const raw of text.split('\n')) {
      let line = raw.trim();
      if (line.length === 0) continue;
      const words = line.split(/\s+/);
      if (c.maxWordLength !== null && words.some((w) => w.length > c.maxWordLength!)) { this.lineDrop('too_long_word'); continue; }
      if (c.removeCitations) line = line.replace(CITATION, '');
      if (c.filterNoTerminalPunct && (!END_PUNCTUATION.some((p) => line.endsWith(p)) || line.endsWith('...'))) { this.lineDrop('no_terminal_punc'); continue; }
      if (c.minWordsPerLine !== null && words.length < c.minWordsPerLine) { this.lineDrop('too_few_words'); continue; }
      const lower = line.toLowerCase();
      if (c.filterLoremIpsum && lower.includes('lorem ipsum')) return { drop: 'lorem_ipsum' };
      if (c.filterJavascript && lower.includes('javascript')) { this.lineDrop('javascript'); continue; }
      if (c.filterCurlyBracket && line.includes('{')) return { drop: 'curly_bracket' };
      if (c.filterPolicy && POLICY.some((p) => lower.includes(p))) { this.lineDrop('policy'); continue; }
      sentences += countSentences(line);
      kept.push(line);
    }
    if (c.minNumSentences !== null && sentences < c.minNumSentences) return { drop: 'too_few_sentences' };
    return { text: kept.join('\n').trim() };
  }

  process(record: DataRecord): StepResult {
    if (skipForLanguage(this.config.languages, record, this.stats.counters)) return record;
    const r = this.apply(record.text);
    return 'drop' in r ? { drop: r.drop } : { ...record, text: r.text };
  }
}
