/**
 * sacreBLEU's tokenizers, reproduced rule for rule so BLEU scores match its signatures
 * (`tok:13a`, `tok:none`, `tok:char`, `tok:intl`).
 */

/** Python's `str.split()` whitespace (differs from JS `\s`: includes \x1c-\x1f and \x85, excludes \ufeff). */
const PY_WS = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const PY_WS_END = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;

/** Python `s.split()`: split on runs of whitespace, no empty strings. */
export function pySplit(s: string): string[] {
  return s.split(PY_WS).filter((t) => t.length > 0);
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(PY_WS_END, '');
}

// mteval-v13a's rules (sacrebleu's TokenizerRegexp), applied in this order.
const RE_13A: readonly [RegExp, string][] = [
  [/([{-~[-` -&(-+:-@/])/g, ' $1 '],
  [/([^0-9])([.,])/g, '$1 $2 '],
  [/([.,])([^0-9])/g, ' $1 $2'],
  [/([0-9])(-)/g, '$1 $2 '],
];

/** mteval-v13a tokenization, as sacrebleu's `Tokenizer13a`. */
export function tokenize13a(line: string): string {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (s.includes('&')) {
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  s = ` ${s} `;
  for (const [re, rep] of RE_13A) s = s.replace(re, rep);
  return pySplit(s).join(' ');
}

// sacrebleu's TokenizerV14International (Unicode punctuation and symbols).
const RE_INTL: readonly [RegExp, string][] = [
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  [/(\p{S})/gu, ' $1 '],
];

export function tokenizeIntl(line: string): string {
  let s = line;
  for (const [re, rep] of RE_INTL) s = s.replace(re, rep);
  return pySplit(s).join(' ');
}

/** Every code point is a token (sacrebleu's `TokenizerChar`; whitespace disappears at split time). */
export function tokenizeChar(line: string): string {
  return Array.from(line).join(' ');
}

export type BleuTokenizer = '13a' | 'none' | 'char' | 'intl';

export function bleuTokenizer(name: BleuTokenizer): (line: string) => string {
  switch (name) {
    case '13a': return tokenize13a;
    case 'intl': return tokenizeIntl;
    case 'char': return tokenizeChar;
    case 'none': return (s) => s;
  }
}
