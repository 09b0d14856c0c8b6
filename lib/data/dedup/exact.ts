import { createHash } from 'node:crypto';

// Zero-width and BOM characters that change bytes without changing what a reader sees.
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g;
// C0/C1 controls other than whitespace (tab, newline, CR are whitespace and get collapsed below).
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

/**
 * The text exact dedup compares: NFKC, lower-cased, invisible and control characters removed,
 * every whitespace run collapsed to one space, trimmed. Two documents that differ only in case,
 * spacing, Unicode compatibility forms or zero-width characters normalise to the same string.
 */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** sha256 (hex) of {@link normalizeForHash}(text): the key exact dedup and leakage checks share. */
export function exactHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text), 'utf8').digest('hex');
}
