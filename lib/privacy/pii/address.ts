/**
 * LOCATION: US-style street addresses, "<number> <street name> <suffix>[, unit][, city, ST ZIP]".
 * One sticky regex is tried only at digit runs that start a word, and every repetition in it is
 * bounded, so a candidate costs a bounded number of steps whatever the input.
 */
import * as chars from './chars.js';
import type { ResolvedDetectOptions } from './detect.js';
import type { Candidate } from './types.js';

// Bound once, so hot loops call plain functions.
const { isDigit, isWordChar } = chars;

const SUFFIX = '(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Terrace|Ter|Place|Pl|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Square|Sq|Loop|Alley|Row|Crescent|Cres|Close|Plaza|Pike|Turnpike|Expressway|Run|Path|Walk|Commons|Green|Gardens|Heights|Hts)';
const DIRECTION = '(?:[NSEW]\\.?|N[EW]\\.?|S[EW]\\.?|North|South|East|West)';
const WORD = "[A-Z][a-zA-Z'’-]{0,24}\\.?";
const UNIT = "(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Floor|Fl|Bldg|Building|#)\\.? ?#?[A-Za-z0-9-]{1,6}";
const STATES =
  '(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR|GU|VI|' +
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|' +
  'Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|' +
  'New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|' +
  'South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)';
const CITY = "[A-Z][a-zA-Z'’.-]{1,24}(?: [A-Z][a-zA-Z'’.-]{1,24}){0,2}";

const ADDRESS_RE = new RegExp(
  `\\d{1,6}[A-Za-z]?(?: ${DIRECTION})? (?:${WORD} ){0,3}${SUFFIX}\\.?(?: ${DIRECTION}(?![a-z]))?` +
    `(?:,? ${UNIT})?` +
    `(?<tail>(?:, ?|,? ?\\n ?)${CITY},? ${STATES}\\.?(?: \\d{5}(?:-\\d{4})?)?)?`,
  'y',
);

export function scanAddresses(text: string, _o: ResolvedDetectOptions, out: Candidate[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) || (i > 0 && isWordChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    ADDRESS_RE.lastIndex = i;
    const m = ADDRESS_RE.exec(text);
    if (m !== null) {
      let e = i + m[0].length;
      if (e < n && isWordChar(text.charCodeAt(e)) && m.groups?.tail === undefined) {
        i++;
        continue;
      }
      // Trailing '.' is the sentence's unless it ends an abbreviation we matched ("St.").
      const full = m.groups?.tail !== undefined;
      if (text[e - 1] === '.' && full && /\d\.$/.test(text.slice(e - 2, e))) e--;
      out.push({ type: 'LOCATION', start: i, end: e, text: text.slice(i, e), score: full ? 0.9 : 0.7 });
      i = e;
      continue;
    }
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
}
