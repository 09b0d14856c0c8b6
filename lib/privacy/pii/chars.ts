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
