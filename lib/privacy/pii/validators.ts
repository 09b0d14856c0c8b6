/**
 * Checksums and registry rules that turn "looks like an id" into "is a valid id".
 * Each takes the digits/characters only (separators already removed).
 */

/** Luhn (mod 10) check used by every card network. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes (IIN ranges) and lengths of the major networks: Visa, Mastercard, Amex,
 * Discover, JCB, Diners, UnionPay, Maestro. A Luhn-valid number outside these is more
 * likely an account or order number than a card.
 */
export function cardIssuerValid(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19) return false;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // Amex
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16; // JCB
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305) || p3 === 309) return n >= 14; // Diners
  if (p2 === 62) return n >= 16; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12; // Maestro
  return false;
}

/** Numbers the SSA says were never issued, plus the two famous advertised ones. */
const SSN_BLOCKLIST = new Set(['078051120', '219099999', '123456789', '111111111', '222222222', '333333333', '444444444', '555555555', '777777777', '888888888']);

/**
 * SSA validity rules: area 001-899 except 666; group 01-99; serial 0001-9999.
 * (Area 900-999 is reserved for ITINs, which are not SSNs.)
 */
export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (group === 0 || serial === 0) return false;
  return !SSN_BLOCKLIST.has(digits);
}

/** IBAN lengths by country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25,
  QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 13616 mod-97 check on an IBAN without spaces (uppercase). */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const len = IBAN_LENGTHS[iban.slice(0, 2)];
  if (len === undefined || iban.length !== len) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  // Process digit by digit (letters become two digits) keeping the remainder small.
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    if (c >= 65) {
      const v = c - 55;
      rem = (rem * 100 + v) % 97;
    } else {
      rem = (rem * 10 + (c - 48)) % 97;
    }
  }
  return rem === 1;
}

/** Dotted-quad IPv4 with each octet 0-255 and no leading zeros (which would be octal to some parsers). */
export function ipv4Valid(s: string): boolean {
  // Four dot-separated parts of 1-3 digits, no leading zero, each at most 255; read in one pass over
  // the code units (this runs for every dotted number, and split() plus a regex per part cost more).
  let parts = 0;
  let k = 0;
  for (;;) {
    const p = k;
    let v = 0;
    while (k < s.length && k - p < 4) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      k++;
    }
    const len = k - p;
    if (len === 0 || len > 3) return false;
    if (len > 1 && s.charCodeAt(p) === 48) return false;
    if (v > 255) return false;
    parts++;
    if (k === s.length) return parts === 4;
    if (s.charCodeAt(k) !== 46 || parts === 4) return false;
    k++;
  }
}
