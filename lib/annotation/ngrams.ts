/**
 * Word n-grams as pairs of 32-bit hashes, without building n-gram strings. Text is NFKC-normalised
 * and lower-cased; words are maximal runs of letters, marks and digits (punctuation and spacing do
 * not matter), the normalisation the GPT-3 contamination study describes for its 13-gram overlap.
 */
import { fmix32 } from '../util/hash.js';


const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
// ASCII lookup: 1 for [0-9A-Za-z], 0 otherwise. (Hashing sees lower-cased text; counting may not.)
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

function isWordChar(text: string, i: number, c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  // Surrogate pairs: test the whole code point (high surrogate decides for both halves).
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && WORD_CHAR.test(text.slice(i - 1, i + 1));
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2));
  return WORD_CHAR.test(text[i]!);
}

const B1 = 0x01000193; // rolling-hash bases (odd, so multiplication mod 2^32 is invertible)
const B2 = 0x5bd1e995;

function powMod32(b: number, e: number): number {
  let r = 1;
  for (let i = 0; i < e; i++) r = Math.imul(r, b);
  return r;
}

/** Normalises once; shared by index building and lookups so both see the same words. */
export function normalizeForNgrams(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Calls `visit(h1, h2)` for every word n-gram of `text` (already passed through
 * {@link normalizeForNgrams} unless `normalized` is false) and returns how many there were.
 * A text with fewer than n words has no n-grams. Hashes use a polynomial rolling hash over two
 * independent 32-bit word hashes (64 bits per n-gram), finalised with fmix32.
 */
export function forEachNgram(text: string, n: number, visit: (h1: number, h2: number) => void, normalized = false): number {
  const t = normalized ? text : normalizeForNgrams(text);
  const p1 = powMod32(B1, n - 1);
  const p2 = powMod32(B2, n - 1);
  // Ring buffer of the last n word hashes.
  const ring1 = new Int32Array(n);
  const ring2 = new Int32Array(n);
  let words = 0;
  let H1 = 0;
  let H2 = 0;
  let count = 0;
  let inWord = false;
  let w1 = 0;
  let w2 = 0;
  const len = t.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? t.charCodeAt(i) : 32;
    const word = i < len && isWordChar(t, i, c);
    if (word) {
      if (!inWord) {
        inWord = true;
        w1 = 0x811c9dc5;
        w2 = 0x9747b28c;
      }
      w1 = Math.imul(w1 ^ c, 0x01000193);
      w2 = Math.imul(w2 ^ c, 0x5bd1e995);
      w2 ^= w2 >>> 15;
    } else if (inWord) {
      inWord = false;
      const a = fmix32(w1);
      const b = fmix32(w2 ^ 0x27d4eb2f);
      const slot = words % n;
      if (words >= n) {
        // Remove the word leaving the window, then shift in the new one.
        H1 = (H1 - Math.imul(ring1[slot]!, p1)) | 0;
        H2 = (H2 - Math.imul(ring2[slot]!, p2)) | 0;
      }
      H1 = (Math.imul(H1, B1) + a) | 0;
      H2 = (Math.imul(H2, B2) + b) | 0;
      ring1[slot] = a;
      ring2[slot] = b;
      words++;
      if (words >= n) {
        visit(fmix32(H1 ^ n) >>> 0, fmix32(H2 + 0x9e3779b9) >>> 0);
        count++;
      }
    }
  }
  return count;
}

/**
 * Number of words as {@link forEachNgram} counts them (for sizing an index before filling it).
 * `normalize: false` skips NFKC + lower-casing: much cheaper, and the count differs only where
 * NFKC splits or joins word characters, which is what sizing a filter can afford.
 */
export function countWords(text: string, normalize = true): number {
  const t = normalize ? normalizeForNgrams(text) : text;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const w = isWordChar(t, i, t.charCodeAt(i));
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}
