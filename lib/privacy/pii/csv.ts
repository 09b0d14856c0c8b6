/**
 * Tabular exports: when a block of lines is CSV/TSV with a header, the header says what each
 * column holds. Name, birth-date, record-number and address columns become entities; cells of
 * other text columns (city, plan, company) are marked so the free-text name guesser leaves them
 * alone. Fields are split by a small quote-aware scanner that keeps offsets.
 */
import type { ResolvedDetectOptions } from './detect.js';
import type { Candidate, PiiType } from './types.js';

// Header names in English, and for names, birth dates and phones also in Spanish, French, Italian,
// Portuguese and German exports.
const COLUMN_TYPES: Array<[RegExp, PiiType]> = [
  [/^(?:(?:full|first|last|given|family|middle|sur|customer|patient|client|contact|employee|user|member|account|holder|card ?holder|sender|recipient|owner|guest|student|display)[ _-]?name|name|names|surname|firstname|lastname|patient|customer|employee|contact|recipient|cardholder|holder|account[ _-]?holder|first|last|given|family|forename|forenames|fname|lname|given[ _-]?names?|beneficiary|payee|applicant|tenant|passenger|guest|insured|subscriber|attendee|participant|assignee|requester|author|nombre|apellidos?|nom|pr[ée]nom|nom[ _-]de[ _-]famille|cognome|nome|sobrenome|vorname|nachname|titular)$/i, 'PERSON'],
  [/^(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthdate|birthday|born|fecha[ _-]de[ _-]nacimiento|f[ _-]?nac|date[ _-]de[ _-]naissance|geburtsdatum|data[ _-]di[ _-]nascita|data[ _-]de[ _-]nascimento)$/i, 'DATE_OF_BIRTH'],
  // Phone columns: a cell of phone characters with 7-15 digits is the number, whatever its country.
  [/^(?:phone|phones|tel|tel\.|telephone|t[ée]l[ée]phone|tel[ée]fono|telefon|telefone|mobile|mobile[ _-]?(?:no|number|phone)|cell|cell[ _-]?phone|handy|m[óo]vil|portable|cellulare|phone[ _-]?(?:no|number|#)|contact[ _-]?(?:no|number|phone))$/i, 'PHONE_NUMBER'],
  [/^(?:mrn|medical[ _-]?record(?:[ _-]?(?:number|no|num|id))?|patient[ _-]?id|chart[ _-]?(?:number|no))$/i, 'MEDICAL_RECORD_NUMBER'],
  [/^(?:(?:home|street|mailing|billing|shipping|postal|residential)?[ _-]?address|street|address[ _-]?line[ _-]?1)$/i, 'LOCATION'],
];

interface Field {
  start: number;
  end: number;
}

/** Splits one line into fields, honouring double quotes; offsets exclude the quotes. */
function splitLine(text: string, start: number, end: number, delim: string): Field[] {
  const fields: Field[] = [];
  let i = start;
  while (i <= end) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < end && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      fields.push({ start: i + 1, end: Math.min(j, end) });
      i = j + 1;
      while (i < end && text[i] !== delim) i++;
      i++;
    } else {
      let j = text.indexOf(delim, i);
      if (j < 0 || j > end) j = end;
      fields.push({ start: i, end: j });
      i = j + 1;
    }
  }
  return fields;
}

function trimField(text: string, f: Field): Field {
  let s = f.start, e = f.end;
  while (s < e && (text[s] === ' ' || text[s] === '\t' || text[s] === '\r')) s++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t' || text[e - 1] === '\r')) e--;
  return { start: s, end: e };
}

/** The header line's most frequent of tab, comma, semicolon, pipe. */
function guessDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of ['\t', ',', ';', '|']) {
    const c = line.split(d).length - 1;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

const HEADER_FIELD = /^[\p{L}_][\p{L}0-9_ .#-]{0,40}$/u;

/**
 * Pushes column-typed entities into `out` and returns [start, end) ranges of cells where free-text
 * PERSON guesses must not be made.
 */
export function scanCsv(text: string, o: ResolvedDetectOptions, out: Candidate[]): Array<[number, number]> {
  const quiet: Array<[number, number]> = [];
  if (text.indexOf(',') < 0 && text.indexOf('\t') < 0 && text.indexOf(';') < 0 && text.indexOf('|') < 0) return quiet;
  let lineStart = 0;
  let header: { types: Array<PiiType | null>; delim: string; count: number } | null = null;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const delim: string = header?.delim ?? guessDelimiter(text.slice(lineStart, Math.min(lineEnd, lineStart + 400)));
    if (header === null) {
      // Only short lines can be headers; this also bounds the work on huge single-line inputs.
      if (lineEnd - lineStart < 1000) {
        const fields: Field[] = splitLine(text, lineStart, lineEnd, delim).map((f: Field) => trimField(text, f));
        if (fields.length >= 2 && fields.every((f) => HEADER_FIELD.test(text.slice(f.start, f.end)))) {
          const types: Array<PiiType | null> = fields.map((f: Field): PiiType | null => {
            const name = text.slice(f.start, f.end);
            for (const [re, t] of COLUMN_TYPES) if (re.test(name)) return t;
            return null;
          });
          header = { types, delim, count: fields.length };
        }
      }
    } else {
      const fields: Field[] = splitLine(text, lineStart, lineEnd, header.delim);
      if (fields.length !== header.count) {
        header = null;
        continue; // re-examine this line as a possible new header
      }
      for (let k = 0; k < fields.length; k++) {
        const f = trimField(text, fields[k]!);
        if (f.end <= f.start) continue;
        const t = header.types[k]!;
        const cell = text.slice(f.start, f.end);
        if (t !== null && o.entities.has(t) && /\p{L}|\d/u.test(cell) && !/^(?:n\/?a|null|none|unknown|-+)$/i.test(cell)) {
          if (t === 'PERSON' && !/\p{L}/u.test(cell)) continue;
          if (t === 'DATE_OF_BIRTH' && !/\d/.test(cell)) continue;
          if (t === 'PHONE_NUMBER' && !(/^\+?[\d(][\d ().-]{5,22}$/.test(cell) && phoneDigits(cell))) continue;
          out.push({ type: t, start: f.start, end: f.end, text: cell, score: 0.9 });
        } else if (t === null) {
          quiet.push([f.start, f.end]);
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return quiet;
}

/** 7 to 15 digits: the length range of any E.164 number. */
function phoneDigits(cell: string): boolean {
  let d = 0;
  for (let k = 0; k < cell.length; k++) if (cell.charCodeAt(k) >= 48 && cell.charCodeAt(k) <= 57) d++;
  return d >= 7 && d <= 15;
}
