/**
 * Word tokens for the quality filters: runs of letters/digits (with inner apostrophes) and runs of
 * other non-space characters as separate tokens, which is close to the Treebank-style tokenizer
 * datatrove uses for English (punctuation tokens count as "words" there too).
 */
export function splitWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Python's string.punctuation, the set datatrove uses to tell symbol-only tokens apart. */
export const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split(''));

export function isSymbolWord(w: string): boolean {
  for (const ch of w) if (!PUNCTUATION.has(ch)) return false;
  return true;
}

export function hasAlpha(w: string): boolean {
  return /\p{L}/u.test(w);
}
