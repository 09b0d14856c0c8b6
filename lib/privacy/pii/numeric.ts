/**
 * One linear pass finds "numeric chunks" (digit groups joined by single separators) and asks, for
 * a bounded number of group windows inside each chunk, whether it is a card (Luhn + issuer),
 * an SSN (SSA rules), a phone number (libphonenumber-js) or an IPv4 address.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import * as chars from './chars.js';
import { countryHint, hasCue, isLookalike } from './context.js';
import { cardIssuerValid, ipv4Valid, luhnValid, ssnValid } from './validators.js';
import type { Candidate, PiiContext } from './types.js';

// Bound once: through a loader's module wrapper every `chars.x` call would pay a getter.
const { isDigit, isWordChar } = chars;

interface Group {
  start: number;
  end: number;
  /** Separator text between the previous group and this one ('' for the first). */
  sep: string;
}

const MAX_WINDOW_GROUPS = 8;
/** Separator characters inside a number: ' ', '-', '.', '/', '(', ')', U+2011, U+2013 (code units: no string per character). */
function isSepChar(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 0x2011 || c === 0x2013;
}

export interface NumericOptions {
  context: PiiContext;
  defaultCountry: string;
}

/** Scans `text` and pushes candidates into `out`. */
export function scanNumeric(text: string, opts: NumericOptions, out: Candidate[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) {
      i++;
      continue;
    }
    // A digit glued to a letter on its left ("ID12345", "v2"), or joined to a word by a hyphen
    // ("adsl-157-233-109", "INV-2024-0031"), starts no chunk: skip its run.
    if (i > 1 && text.charCodeAt(i - 1) === 45 && isWordChar(text.charCodeAt(i - 2)) && !isDigit(text.charCodeAt(i - 2))) {
      while (i < n && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 45)) i++;
      continue;
    }
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      continue;
    }
    // Fast path: a short lone number ("3 days", "Room 4120") can be nothing we look for.
    let r = i;
    while (r < n && isDigit(text.charCodeAt(r))) r++;
    let q = r;
    while (q < n && q - r < 3 && isSepChar(text.charCodeAt(q))) q++;
    const continues = q > r && q < n && isDigit(text.charCodeAt(q));
    if (r - i < 7 && !continues && !(i > 0 && text.charCodeAt(i - 1) === 43)) {
      i = r;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      continue;
    }
    const groups: Group[] = [];
    let j = i;
    let sep = '';
    for (;;) {
      const gs = j;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      groups.push({ start: gs, end: j, sep });
      // Look for a short separator (1-3 separator characters) followed by a digit.
      let k = j;
      while (k < n && k - j < 3 && isSepChar(text.charCodeAt(k))) k++;
      if (k > j && k < n && isDigit(text.charCodeAt(k)) && /^(?:[ \-./\u2011\u2013]|\) ?|\)-| \(| - | \/ )$/.test(text.slice(j, k))) {
        sep = text.slice(j, k);
        j = k;
        continue;
      }
      break;
    }
    // The chunk ends inside a word ("123abc"): trim that last group out of consideration.
    let usable = groups.length;
    if (j < n && isWordChar(text.charCodeAt(j))) usable--;
    // A German or Austrian switchboard extension, "0201 877 41-0", "0221 / 93 47 18-29": classified
    // without it, then joined to the number found before it.
    const ext = switchboardExtension(text, groups, usable);
    if (ext !== undefined) {
      const before = out.length;
      classifyChunk(text, groups.slice(0, usable - 1), usable - 1, opts, out);
      const last = out[out.length - 1];
      if (out.length > before && last !== undefined && last.type === 'PHONE_NUMBER' && last.end === groups[usable - 2]!.end) {
        last.end = ext;
        last.text = text.slice(last.start, ext);
      }
    } else {
      classifyChunk(text, groups, usable, opts, out);
    }
    i = j;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
  }
}

/**
 * The end of a trailing "-0" / "-29" after a national number written with a trunk '0' and spaces (or
 * " / " after the area code), or undefined.
 */
function switchboardExtension(text: string, groups: Group[], usable: number): number | undefined {
  if (usable < 3 || usable !== groups.length) return undefined;
  const last = groups[usable - 1]!;
  if (last.sep !== '-' || len(last) > 2 || text.charCodeAt(groups[0]!.start) !== 48) return undefined;
  for (let g = 1; g < usable - 1; g++) if (groups[g]!.sep !== ' ' && !(g === 1 && groups[g]!.sep === ' / ')) return undefined;
  return last.end;
}

/**
 * libphonenumber-js verdict for a digit string: 2 valid, 1 possible, 0 neither. Corpora repeat
 * numbers (signatures, help lines), so a small bounded cache saves most parses.
 */
const PHONE_CACHE = new Map<string, number>();
const PHONE_CACHE_MAX = 16_384;
export function phoneValidity(number: string, country: string): number {
  // A North American number's validity is decided by its first six national digits (area code and
  // exchange; every NANP pattern in libphonenumber's metadata ends in free digits), so the cache is
  // keyed by that prefix and a corpus's numbers cost one parse per exchange, not one per number.
  // test/privacy/phone-prefix.test.ts checks this against libphonenumber on random numbers.
  const nanp = nanpNational(number, country);
  const key = nanp === undefined ? country + number : 'NANP' + nanp.slice(0, 6);
  const hit = PHONE_CACHE.get(key);
  if (hit !== undefined) return hit;
  const parsed = nanp !== undefined ? parsePhoneNumberFromString(nanp, 'US')
    : number.startsWith('+') ? parsePhoneNumberFromString(number) : parsePhoneNumberFromString(number, country as CountryCode);
  const v = parsed === undefined ? 0 : parsed.isValid() ? 2 : parsed.isPossible() ? 1 : 0;
  if (PHONE_CACHE.size >= PHONE_CACHE_MAX) PHONE_CACHE.delete(PHONE_CACHE.keys().next().value!);
  PHONE_CACHE.set(key, v);
  return v;
}

/**
 * The ten national digits of a North American number ("2125550143", "12125550143" with a US
 * default; "+12125550143" anywhere), or undefined for any other number.
 */
function nanpNational(number: string, country: string): string | undefined {
  let d = number;
  if (d.startsWith('+1')) d = d.slice(2);
  else if (country !== 'US' || d.startsWith('+')) return undefined;
  else if (d.length === 11 && d.charCodeAt(0) === 49) d = d.slice(1);
  if (d.length !== 10 || d.charCodeAt(0) < 50) return undefined;
  return d;
}

function digitsOf(text: string, groups: Group[], a: number, b: number): string {
  let s = '';
  for (let g = a; g <= b; g++) s += text.slice(groups[g]!.start, groups[g]!.end);
  return s;
}

function len(g: Group): number {
  return g.end - g.start;
}

function classifyChunk(text: string, groups: Group[], usable: number, opts: NumericOptions, out: Candidate[]): void {
  // A card-shaped number (4-4-4-4) that is not a valid card is an account/transaction number,
  // not a phone number hiding inside it: leave the whole chunk alone.
  if (usable === groups.length && groups.length === 4 && groups.every((g, k) => len(g) === 4 && (k === 0 || g.sep === groups[1]!.sep))) {
    const digits = digitsOf(text, groups, 0, 3);
    if (!(luhnValid(digits) && cardIssuerValid(digits))) return;
  }
  let a = 0;
  while (a < usable) {
    let matched = -1;
    const plusBefore = groups[a]!.start > 0 && (text[groups[a]!.start - 1] === '+' || (a === 0 && text[groups[a]!.start - 1] === ' ' && text[groups[a]!.start - 2] === '+'));
    for (let b = Math.min(usable - 1, a + MAX_WINDOW_GROUPS - 1); b >= a; b--) {
      if (!worthTrying(groups, a, b, plusBefore)) continue;
      const cand = classifyWindow(text, groups, a, b, opts);
      if (cand) {
        if (cand.type === 'PHONE_NUMBER') withExtension(text, cand);
        out.push(cand);
        matched = b;
        break;
      }
    }
    a = matched >= 0 ? matched + 1 : a + 1;
  }
}

/**
 * Integer-only shape test run before any string work, so long runs of short groups
 * ("1-1-1-1-...") cost a few comparisons per window.
 */
function worthTrying(groups: Group[], a: number, b: number, plusBefore: boolean): boolean {
  const count = b - a + 1;
  let dc = 0;
  for (let g = a; g <= b; g++) dc += len(groups[g]!);
  if (dc > 19 || dc < 4) return false;
  if (count === 4 && dc <= 12 && groups[a + 1]!.sep === '.') return true; // IPv4
  if (dc >= 13) return true; // card
  if (dc === 9) return true; // SSN
  if (dc < 7 || dc > 15) return false;
  // Phone shapes: international (any), or North American 3-3-4 / 1-3-3-4 / 3-4 / bare.
  if (plusBefore) return true;
  if (count === 1 || (count === 2 && len(groups[a]!) === 3 && len(groups[b]!) === 4)) return true;
  if (count === 3 && len(groups[a]!) === 3 && len(groups[a + 1]!) === 3 && len(groups[b]!) === 4) return true;
  if (count === 4 && len(groups[a]!) === 1 && len(groups[a + 1]!) === 3 && len(groups[a + 2]!) === 3 && len(groups[b]!) === 4) return true;
  // International national formats ("07911 123456", "06 12 34 56 78", "943 55 01 22", the Nordic
  // eight digits "22 41 87 60"): 2-5 groups of at least two digits; classifyWindow then asks for a
  // trunk '0', a country word, the document's language or a phone cue.
  // (Eight digits only when grouped by spaces, as Nordic numbers are: "2002-08-21" is a date.)
  if (count >= 2 && count <= 5 && dc >= 8 && dc <= 12) {
    for (let g = a; g <= b; g++) if (len(groups[g]!) < 2 || (dc === 8 && g > a && groups[g]!.sep !== ' ')) return false;
    return true;
  }
  return false;
}

function isGlued(s: string): boolean {
  return s === '.' || s === '-' || s === '/';
}

const EXTENSION = /^,? ?(?:ext\.?|extn\.?|extension|x) ?\d{1,5}(?![\p{L}\d])/iu;

/** "604-555-0162 ext. 214": the extension is part of the number. */
function withExtension(text: string, c: Candidate): void {
  const m = EXTENSION.exec(text.slice(c.end, c.end + 20));
  if (m === null) return;
  c.end += m[0].length;
  c.text = text.slice(c.start, c.end);
}

function classifyWindow(text: string, groups: Group[], a: number, b: number, opts: NumericOptions): Candidate | null {
  let start = groups[a]!.start;
  const end = groups[b]!.end;
  const count = b - a + 1;
  let digitCount = 0;
  for (let g = a; g <= b; g++) digitCount += len(groups[g]!);
  const seps: string[] = [];
  for (let g = a + 1; g <= b; g++) seps.push(groups[g]!.sep);
  const sameSep = seps.every((s) => s === seps[0]);
  const lens: number[] = [];
  for (let g = a; g <= b; g++) lens.push(len(groups[g]!));
  // A window must not cut a dotted/dashed token in half ("1.2.3.4.5", "12-34-56-78").
  const nextSep = b + 1 < groups.length ? groups[b + 1]!.sep : '';
  const prevSep = groups[a]!.sep;
  // Labels ("Order #", "Case No.") sit before the chunk, not before a window inside it.
  const chunkStart = groups[0]!.start;

  // IPv4: exactly four dot-separated groups, not part of a longer dotted token.
  if (count === 4 && sameSep && seps[0] === '.') {
    if (nextSep === '.' || prevSep === '.') return null;
    const s = text.slice(start, end);
    if (!ipv4Valid(s)) return null;
    // CIDR blocks ("10.0.0.0/8") name networks, not hosts.
    const cidr = text.charCodeAt(end) === 47 && /^\/\d{1,2}\b/.test(text.slice(end, end + 4));
    // "Assembly version is now 4.12.0.1": a version named a few words before.
    if (/\b(?:version|ver|build|release|firmware|v)\b[^\n.;]{0,16}$/i.test(text.slice(Math.max(0, start - 24), start))) return null;
    if (!cidr && !isLookalike(text, chunkStart, end, opts.context)) {
      return { type: 'IP_ADDRESS', start, end, text: s, score: hasCue(text, start, 'IP_ADDRESS') ? 0.95 : 0.85 };
    }
    return null;
  }
  if (isGlued(nextSep) || isGlued(prevSep)) return null;
  if (seps.some((s) => s === '.') && seps.some((s) => s !== '.')) return null;

  const digits = digitsOf(text, groups, a, b);

  // Credit card: 13-19 digits, one group or 4-4-4-4(-3) / 4-6-5 / 4-6-4, consistent separator, Luhn + issuer.
  if (digitCount >= 13 && (count === 1 || (sameSep && (seps[0] === ' ' || seps[0] === '-')))) {
    const shapeOk = count === 1
      || (lens.slice(0, -1).every((l) => l === 4) && lens[lens.length - 1]! >= 1 && lens[lens.length - 1]! <= 4)
      || (count === 3 && lens[0] === 4 && lens[1] === 6 && (lens[2] === 5 || lens[2] === 4));
    if (shapeOk && luhnValid(digits) && cardIssuerValid(digits)) {
      // Labelled as something else ("Order 4111...", "Warranty card no. 4410-...").
      if (isLookalike(text, chunkStart, end, opts.context)) return null;
      return { type: 'CREDIT_CARD', start, end, text: text.slice(start, end), score: hasCue(text, start, 'CREDIT_CARD') ? 1 : 0.9 };
    }
  }

  // SSN: 3-2-4 with one separator (dash or space), or 9 bare digits next to an SSN cue.
  if (digitCount === 9) {
    const shaped = count === 3 && lens[0] === 3 && lens[1] === 2 && lens[2] === 4 && sameSep && (seps[0] === '-' || seps[0] === ' ');
    if ((shaped || count === 1) && ssnValid(digits)) {
      const cue = hasCue(text, start, 'US_SSN');
      if (shaped || cue) {
        if (!cue && isLookalike(text, chunkStart, end, opts.context)) return null;
        if (!(shaped && seps[0] === ' ' && !cue)) {
          return { type: 'US_SSN', start, end, text: text.slice(start, end), score: cue ? 1 : 0.85 };
        }
      }
    }
  }

  // Phone: 7-15 digits; a leading '+' or '(' belongs to the number.
  if (digitCount >= 7 && digitCount <= 15) {
    // (Only an area code may be set off by a slash: "0221 / 93 47 18".)
    if (seps.some((s, k) => s.includes('/') && !(k === 0 && s === ' / ' && text.charCodeAt(start) === 48 && count >= 3))) return null;
    let plus = false;
    if (start > 0 && text[start - 1] === '+') {
      plus = true;
      start--;
    } else if (start > 0 && text[start - 1] === '(' && a === 0 && text.slice(start, end).includes(')')) {
      start--;
    } else if (start > 1 && text[start - 1] === ' ' && text[start - 2] === '+' && a === 0) {
      plus = true;
      start -= 2;
    }
    // "(+43) 664 ...": the parenthesis belongs to the number only when it closes inside it.
    if (start > 0 && text[start - 1] === '(' && text[start] === '+' && text.slice(start, end).includes(')')) start--;
    const cue = hasCue(text, start, 'PHONE_NUMBER');
    // Bare digit strings are ids far more often than phones; ask for formatting or a cue.
    if (!plus && count === 1 && !cue) return null;
    // "12.5 3.7" style decimals: dotted phones need 3-3-4 shape.
    if (seps.includes('.') && !(lens.length === 3 && lens[0] === 3 && lens[1] === 3 && lens[2] === 4)) return null;
    // Without a '+', only the shapes North American numbers are written in: 3-3-4, (3) 3-4,
    // 1-3-3-4, 3-4 with a cue, or bare 10/11 digits with a cue. "2019-112233" is a document number.
    const region = opts.defaultCountry;
    if (!plus && opts.defaultCountry === 'US') {
      const shape = lens.join('-');
      // North American area codes never start with 0: "040 555 7712" is a Hamburg number.
      const nanp = (/^(?:3-3-4|1-3-3-4|10|11)$/.test(shape) || (cue && /^(?:3-4|7)$/.test(shape))) && digits.charCodeAt(0) !== 48;
      if (!nanp) {
        // Not a North American shape: a grouped national number of another country, written with
        // its trunk '0' ("0131 496 0123") or after a country word ("Spain: 943 55 01 22").
        // ("(02) 5550 2231": an area code in brackets is written with its trunk '0' too.)
        if (count < 2 || seps.some((s, k) => s !== ' ' && s !== '-' && s !== '.' && !(k === 0 && s === ') ' && text[start] === '(') && !(k === 0 && s === ' / '))) return null;
        // 3-2-4 is the SSN's shape (an invalid SSN such as 078-05-1120 is still no phone number).
        if (lens.join('-') === '3-2-4') return null;
        // Inside a longer code ("1Z 999 AA1 01 2345 6784"): a neighbouring token holding digits.
        if (codeNeighbour(text, start, end)) return null;
        if (isLookalike(text, chunkStart, end, opts.context)) return null;
        const intl = internationalRegion(text, digits, start, cue, sameSep);
        if (intl === undefined) return null;
        return { type: 'PHONE_NUMBER', start, end, text: text.slice(start, end), score: cue ? 0.9 : 0.75 };
      }
    }
    if (isLookalike(text, chunkStart, end, opts.context)) return null;
    const validity = phoneValidity(plus ? '+' + digits : digits, region);
    let score = 0;
    if (validity === 2) score = cue ? 0.95 : 0.8;
    else if (cue && validity === 1) score = 0.6;
    // "+44 7700 900884": an international number written in groups, valid or merely possible (Ofcom's
    // drama range is not valid).
    else if (plus && validity === 1 && count >= 3) score = 0.6;
    // "(416) 555-0199", "604-555-0142": a North American number in its written form, valid or merely
    // possible (the 555-01xx range reserved for fiction is not valid in every province).
    else if (validity === 1 && !plus && (/^(?:3-3-4|1-3-3-4)$/.test(lens.join('-'))) && seps.every((s) => s === '-' || s === ') ' || s === ')' || s === '.') && (seps[0] !== '.' || seps.every((s) => s === '.'))) score = 0.55;
    // "call 555-0108": a local number without its area code, after a phone cue.
    else if (cue && !plus && lens.length === 2 && lens[0] === 3 && lens[1] === 4) score = 0.6;
    if (score === 0) return null;
    return { type: 'PHONE_NUMBER', start, end, text: text.slice(start, end), score };
  }
  return null;
}

/** Regions whose national numbers have no trunk prefix, tried after a phone cue. */
const NO_TRUNK_REGIONS = ['ES', 'PT', 'IT', 'DK', 'NO', 'PL', 'GR', 'LU', 'CZ'];
/** Regions whose national numbers start with a trunk '0', tried in order for "0..." numbers. */
const TRUNK_ZERO_REGIONS = ['GB', 'IE', 'FR', 'DE', 'AU', 'IT', 'NL', 'BE', 'AT', 'CH', 'IN', 'NZ'];

/** The region in which `digits` is a valid number: a country named nearby first, then trunk-'0' regions. */
function internationalRegion(text: string, digits: string, start: number, cue: boolean, sameSeparators: boolean): string | undefined {
  // "0044 20 7946 0958": the international call prefix 00 written instead of '+'.
  if (digits.startsWith('00') && digits.length >= 11 && phoneValidity('+' + digits.slice(2), 'US') === 2) return 'INTL';
  const hint = countryHint(text, start);
  if (hint !== undefined && phoneValidity(digits, hint) === 2) return hint;
  // (German and Austrian numbers run to 12 digits with the trunk '0': "0201 8473 2219".)
  if (digits.charCodeAt(0) === 48 && digits.length >= 9 && digits.length <= 12) {
    for (const r of TRUNK_ZERO_REGIONS) if (phoneValidity(digits, r) === 2) return r;
    return undefined;
  }
  // Australian local-rate and free-call numbers ("1300 975 709", "1800 555 123") have no trunk '0'.
  if ((digits.startsWith('1300') || digits.startsWith('1800')) && digits.length === 10 && phoneValidity(digits, 'AU') === 2) return 'AU';
  // No trunk prefix and no country word: the document's language names the likeliest region
  // ("llámenos al 952 55 01 37" in a Spanish letter).
  for (const lang of languageRegions(text)) if (phoneValidity(digits, lang) === 2) return lang;
  // After a phone cue ("Tel.: 944 23 81 60"), a number valid in one of the regions whose national
  // numbers have no trunk prefix.
  // (Not a date and time, "2024-10-02 16:20": the groups of a phone number share one separator.)
  if (cue && sameSeparators) for (const r of NO_TRUNK_REGIONS) if (phoneValidity(digits, r) === 2) return r;
  return undefined;
}

/** True when the token just before `start` or just after `end` (one space away) mixes in digits. */
function codeNeighbour(text: string, start: number, end: number): boolean {
  const hasDigit = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (isDigit(text.charCodeAt(k))) return true;
    return false;
  };
  if (start >= 2 && text.charCodeAt(start - 1) === 32 && isWordChar(text.charCodeAt(start - 2))) {
    let k = start - 2;
    while (k > 0 && start - k < 24 && isWordChar(text.charCodeAt(k - 1))) k--;
    if (hasDigit(k, start - 1)) return true;
  }
  if (end + 1 < text.length && text.charCodeAt(end) === 32 && isWordChar(text.charCodeAt(end + 1))) {
    let k = end + 1;
    while (k < text.length && k - end < 24 && isWordChar(text.charCodeAt(k))) k++;
    if (hasDigit(end + 1, k)) return true;
  }
  return false;
}

/** Function words that mark a language, and the region whose national numbers that language suggests. */
// (Danish and Norwegian share their function words: both regions are tried.)
const LANGUAGE_WORDS: Array<[readonly string[], RegExp]> = [
  [['ES'], /\b(?:el|los|las|usted|para|por|que|del|con|su|nuestra|nuestro)\b/g],
  [['FR'], /\b(?:les|des|vous|votre|pour|avec|une|est|sur|nous)\b/g],
  [['DE'], /\b(?:und|der|die|das|Sie|Ihre|Ihr|mit|für|nicht|bitte)\b/g],
  [['IT'], /\b(?:il|gli|della|delle|per|che|sono|suo|sua|presso)\b/g],
  [['PT'], /\b(?:os|você|não|com|uma|pelo|pela|seu|sua|do|da)\b/g],
  [['NL'], /\b(?:het|een|uw|voor|niet|wij|met|zijn|naar)\b/g],
  [['NO', 'DK'], /(?<![\p{L}])(?:og|ikke|jeg|deg|dig|til|på|med|har|av|af|hvis|kan|vil|skal|du)(?![\p{L}])/gu],
  [['SE'], /(?<![\p{L}])(?:och|att|inte|jag|är|för|med|på|till|vi|har|kan|ska|om)(?![\p{L}])/gu],
  [['FI'], /(?<![\p{L}])(?:ja|on|ei|että|se|kanssa|tai|myös|olla|ovat|voit|klo)(?![\p{L}])/gu],
  [['PL'], /(?<![\p{L}])(?:nie|się|jest|że|na|do|dla|oraz|jak|pan|pani|prosimy)(?![\p{L}])/gu],
  [['CZ'], /(?<![\p{L}])(?:je|se|že|pro|jsem|prosím|nebo|jako|také|paní|pane|bude)(?![\p{L}])/gu],
];

/**
 * The region of the document's language when it is clearly not English: the language whose
 * function words occur most, at least 3 times and at least twice as often as English ones.
 * Read from the first 2,000 characters only, so the cost per number is bounded.
 */
function languageRegions(text: string): readonly string[] {
  // (Asked for each foreign-shaped number of a text: the verdict is the text's, so it is kept for the
  // last text seen.)
  if (text === langText) return langRegions;
  langText = text;
  return (langRegions = guessLanguageRegions(text));
}
let langText: string | undefined;
let langRegions: readonly string[] = [];

function guessLanguageRegions(text: string): readonly string[] {
  const head = text.slice(0, 2000);
  const english = (head.match(/\b(?:the|and|you|your|for|with|is|are|to|of)\b/gi) ?? []).length;
  let best: readonly string[] = [];
  let bestCount = 0;
  for (const [regions, re] of LANGUAGE_WORDS) {
    const c = (head.match(re) ?? []).length;
    if (c > bestCount) {
      best = regions;
      bestCount = c;
    }
  }
  return bestCount >= 3 && bestCount >= 2 * english ? best : [];
}
