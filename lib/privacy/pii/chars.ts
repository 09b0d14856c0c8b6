/** Character-class helpers on UTF-16 code units: the scanners walk code units, never regex-backtrack. */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
export function isAsciiLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}
/** Letters beyond ASCII count as word characters (accented names, non-Latin scripts). */
export function isWordChar(c: number): boolean {
  if (c < 128) return isDigit(c) || isAsciiLetter(c) || c === 95;
  // Lone surrogates and format/space code points are not word chars; other letters are.
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff;
}
export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 12 || c === 11;
}

/**
 * An exact copy of `text` as one flat (sequential) V8 string.
 *
 * Why: a text built by concatenation is a V8 "cons string", a tree of its pieces. The first regex
 * exec flattens it in place, but it stays a cons wrapper around the flat copy, and the recognizers'
 * many charCodeAt, slice and regex calls on it keep paying for that. Copying once per text made
 * detectPII ~12% faster on the benchmark's generated documents (10 MB, built by concatenation).
 * The trade-off: a text that was flat already (read from a file, parsed from JSON) pays for the copy
 * and gains nothing; that measured 2-5% slower (the copy itself is ~1 ms per 10 MB; the rest is
 * allocation and GC). Concatenated texts are common input (templated records, joined fields).
 *
 * How: a UTF-16LE round trip through a Buffer copies code units verbatim, so it is exact for every
 * string, lone surrogates included, and V8 stores the result one-byte when it can. It is the
 * cheapest exact copy measured (10 ms per 10 MB, against 30 ms for JSON.parse(JSON.stringify(text)),
 * also exact, and detectPII as fast either way within noise). (text + ' ').slice(0, -1) copies in
 * 2 ms but gives a sliced string, and detection on it was no faster than on the cons string;
 * structuredClone(text) was no faster either. Buffer is Node's, as elsewhere in this module.
 */
export function flatCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
