/**
 * Tabular exports: when a block of lines is CSV/TSV with a header, the header says what each
 * column holds. Name, birth-date, record-number and address columns become entities; cells of
 * other text columns (city, plan, company) are marked so the free-text name guesser leaves them
 * alone. Fields are split by a small quote-aware scanner that keeps offsets.
 */
import type { ResolvedDetectOptions } from './detect.js';
import type { Candidate, PiiType } from './types.js';

/**
 * Header words, after normalisation (lower case; "_", "-", ".", "/", "(", ")", "#", ":" as spaces).
 * A column is a PERSON column when its header has a name word ("Customer Name", "name_on_card",
 * "Parent/Guardian Name") and no qualifier saying whose name it is not ("Company Name", "File Name");
 * or when its header is a person's role ("Reporter", "Ordering physician", "Approved by") and most
 * of its cells look like names.
 */
const NAME_WORDS = /\b(?:name|names|surname|surnames|forename|forenames|fname|lname|firstname|lastname|fullname|full name|nombre|apellidos?|nom|pr[ée]nom|cognome|nome|sobrenome|vorname|nachname|naam|achternaam|voornaam|cognoms|cognom|nazwisko|imie|etunimi|sukunimi|fornavn|efternavn|etternavn|förnamn|efternamn|fornamn)\b/;
const NOT_PERSON = /\b(?:company|companies|business|org|organi[sz]ation|firm|employer|product|file|host|hostname|user ?name|login|domain|street|city|town|country|state|province|region|brand|item|project|team|store|shop|vendor|supplier|bank|plan|course|school|event|venue|campaign|dept|department|group|role|job|title|server|device|app|application|service|package|model|pet|ship|site|facility|hospital|clinic|practice|pharmacy|program|programme|merchant|insurer|carrier|drug|medication|test|procedure|queue|channel|list|field|column|table|database|key|tag|category|type|unit|ward|building|location|place|branch|office|sheet|tab|document|doc|template|folder|repo|repository|package|module|class|function|variable|method|feature|attribute|property|asset|account type|product|sku|part|component|course|subject|topic|skill|language|currency|color|colour|size|street name|road|route|station|airport|airline|flight|vessel|vehicle|make|brand|game|song|album|book|movie|film|show|series|episode|award|prize|fund|portfolio|index|stock|ticker|security|instrument|contract|policy|coverage|benefit|diagnosis|condition|allergy|lab|specimen|study|trial|cohort|species|breed|crop|variety|strain|recipe|dish|menu|ingredient)\b/;
/** Words before "first"/"last" in a column header that make it a part of someone's name. */
const NAME_PART_OWNERS = new Set(['player', 'member', 'guardian', 'emergency', 'contact', 'spouse', 'partner', 'kid', 'athlete', 'volunteer', 'staff',
  'camper', 'swimmer', 'runner', 'coach', 'carer', 'caregiver', 'dependent', 'dependant', 'next', 'of', 'kin', 'mother', 'father', 'legal']);

/** Roles whose column holds people when its cells look like names. */
const PERSON_ROLES = new Set(['patient', 'customer', 'client', 'employee', 'contact', 'recipient', 'cardholder', 'holder', 'beneficiary',
  'payee', 'applicant', 'tenant', 'landlord', 'passenger', 'guest', 'insured', 'subscriber', 'attendee', 'participant', 'assignee',
  'requester', 'requestor', 'reporter', 'author', 'owner', 'agent', 'rep', 'representative', 'salesperson', 'seller', 'buyer', 'manager',
  'supervisor', 'approver', 'reviewer', 'submitter', 'technician', 'tech', 'driver', 'physician', 'doctor', 'provider', 'nurse',
  'therapist', 'clinician', 'pcp', 'prescriber', 'surgeon', 'attending', 'teacher', 'tutor', 'student', 'pupil', 'child', 'parent',
  'guardian', 'spouse', 'partner', 'witness', 'signatory', 'signer', 'referrer', 'volunteer', 'donor', 'member', 'speaker', 'host',
  'mentor', 'coach', 'recruiter', 'interviewer', 'candidate', 'caller', 'sender', 'assigned to', 'employee', 'worker', 'staff',
  'nok', 'next of kin', 'kin', 'emergency contact', 'person', 'individual', 'user', 'traveller', 'traveler', 'claimant', 'debtor',
  'creditor', 'borrower', 'lender', 'guarantor', 'policyholder', 'beneficiary', 'heir', 'executor', 'trustee', 'director', 'officer',
  'shareholder', 'ceo', 'founder', 'lead', 'instructor', 'trainer', 'trainee', 'intern', 'contractor', 'consultant', 'vendor contact',
  'buyer contact', 'signed by', 'by', 'who', 'to', 'from', 'cc', 'attendee', 'resident', 'occupant', 'homeowner', 'account holder',
  'account manager', 'line manager', 'case manager', 'case worker', 'caseworker', 'social worker', 'care coordinator', 'care manager',
  'adjuster', 'loss adjuster', 'caregiver', 'carer', 'aide', 'handler', 'claims handler', 'support worker', 'care worker', 'dispatcher',
  'engineer', 'inspector', 'surveyor', 'broker', 'advisor', 'adviser', 'counsellor', 'counselor']);
const COLUMN_TYPES: Array<[RegExp, PiiType]> = [
  [/^(?:first|last|given|family|middle|fn|ln|first nm|last nm|given names?|family names?)$/, 'PERSON'],
  [/^(?:dob|d o b|date of birth|birth ?date|birthdate|birthday|born|date born|fecha de nacimiento|f ?nac|date de naissance|geburtsdatum|data di nascita|data de nascimento|geboortedatum|data urodzenia|f[øo]dselsdato|f[öo]delsedatum|syntym[äa]aika|data nascimento|data de nascimento|nascimento|fecha nacimiento|data di nascita|naissance|date naissance|birth|data naixement|data de naixement|data nascita|geb datum|geboren)$/, 'DATE_OF_BIRTH'],
  // Phone columns: a cell of phone characters with 7-15 digits is the number, whatever its country.
  [/\b(?:phone|phones|telephone|tel|t[ée]l[ée]phone|tel[ée]fono|telefon|telefone|mobile|cell|cellphone|handy|m[óo]vil|portable|cellulare|fax|whatsapp|celular|fone|telemóvel|telemovel)\b/, 'PHONE_NUMBER'],
  [/^(?:mrn|medical record(?: (?:number|no|num|id))?|med rec(?: no| number)?|patient (?:id|no|number|nhi|mrn)|chart (?:number|no|id)|hospital (?:number|no)|nhs (?:number|no)?|health record (?:number|no)|nhi|ur|ur (?:number|no)|urn|chi|chi (?:number|no)|uhid|patientennummer|patient nr)$/, 'MEDICAL_RECORD_NUMBER'],
  [/^(?:(?:home|street|mailing|billing|shipping|postal|residential|delivery|permanent|current|property|service)? ?address(?: line)? ?1?|street|street address|addr|address1|address 1)$/, 'LOCATION'],
];
/** Columns that continue an address on the same row ("street,city,state,zip"). */
const ADDRESS_TAIL = /^(?:city|town|suburb|locality|state|province|region|county|st|zip|zip ?code|zipcode|postcode|post ?code|postal ?code|postal|address ?2|address line 2|apt|unit|suite)$/;

function normaliseHeader(h: string): string {
  return h.toLowerCase().replace(/[_\-./()#:?*"']+/g, ' ').replace(/\s+/g, ' ').trim();
}

type ColumnKind = PiiType | 'ROLE' | 'ADDRESS_TAIL' | 'LOGIN' | null;

/** Columns of log-in names ("user", "username", "login", "sAMAccountName"). */
const LOGIN_HEADER = /^(?:user|users|user ?name|user ?id|login|login name|logon|sam ?account ?name|upn)$/;
/** A log-in name, and those of services rather than people. */
const LOGIN_CELL = /^[a-z][a-z0-9._-]{2,30}$/;
const SERVICE_LOGIN = /^(?:svc|srv|sys|app|adm|admin|root|test|deploy|backup|service|daemon|system|guest|anonymous|nobody|www|jenkins|ci|bot|noreply|support|helpdesk)(?![a-z])|(?:svc|bot|service)$/;

function columnKind(header: string): ColumnKind {
  const h = normaliseHeader(header);
  if (h === '') return null;
  if (LOGIN_HEADER.test(h)) return 'LOGIN';
  for (const [re, t] of COLUMN_TYPES) if (re.test(h)) return t;
  if (ADDRESS_TAIL.test(h)) return 'ADDRESS_TAIL';
  if (/\b(?:e ?mail|email address|ip|ip address|mac|url|web)\b/.test(h)) return null;
  if (NAME_WORDS.test(h)) return NOT_PERSON.test(h) ? null : 'PERSON';
  // "player_first", "guardian_last", "emergency contact first": a role, then a name part.
  const parts = h.split(' ');
  if (parts.length <= 3 && /^(?:first|last|given|family|middle)$/.test(parts[parts.length - 1]!) && parts.slice(0, -1).every((w) => PERSON_ROLES.has(w) || NAME_PART_OWNERS.has(w))) return 'PERSON';
  // "Approved by", "Created By", "Assigned to": people.
  if (/\b(?:by|assigned to)$/.test(h) && h.split(' ').length <= 3) return 'ROLE';
  if (PERSON_ROLES.has(h)) return 'ROLE';
  const words = h.split(' ');
  if (words.length <= 3 && PERSON_ROLES.has(words[words.length - 1]!) && !NOT_PERSON.test(h)) return 'ROLE';
  return null;
}

/** A cell that reads like a person's name: one to four words of letters, the first capitalised. */
const NAME_CELL = /^(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.? )?\p{Lu}[\p{L}\p{M}'’.-]*(?:,? \p{L}[\p{L}\p{M}'’.-]*){0,3}$/u;
/** Titles before a name in a cell stay outside the PERSON span. */
const CELL_TITLE = /^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.? /;

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

/** The header line's most frequent of tab, comma, semicolon, pipe ('' when none occurs). */
function guessDelimiter(text: string, start: number, end: number): string {
  let tab = 0, comma = 0, semi = 0, pipe = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 44) comma++;
    else if (c === 9) tab++;
    else if (c === 59) semi++;
    else if (c === 124) pipe++;
  }
  const best = Math.max(tab, comma, semi, pipe);
  if (best === 0) return '';
  return best === tab ? '\t' : best === comma ? ',' : best === semi ? ';' : '|';
}

// At most four words of letters, digits and the punctuation of column names ("Parent/Guardian Name",
// "Phone (mobile)"); no colon, so "Visitor: lauren pryce, bs6 5ap" in a chat is not a header.
const HEADER_FIELD = /^[\p{L}_"](?:[\p{L}0-9_.#/()&'"-]{0,40})(?: [\p{L}0-9_.#/()&'"-]{1,40}){0,3}$/u;

/**
 * Pushes column-typed entities into `out` and returns [start, end) ranges of cells where free-text
 * PERSON guesses must not be made. `looksLikeName` judges a cell by the name lists, for columns
 * whose header alone does not decide.
 */
export function scanCsv(text: string, o: ResolvedDetectOptions, out: Candidate[], looksLikeName: (cell: string) => boolean): Array<[number, number]> {
  const quiet: Array<[number, number]> = [];
  if (text.indexOf(',') < 0 && text.indexOf('\t') < 0 && text.indexOf(';') < 0 && text.indexOf('|') < 0) return quiet;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    // Only short lines can be headers; this also bounds the work on huge single-line inputs.
    if (lineEnd - lineStart < 1000 && lineEnd > lineStart) {
      const delim = guessDelimiter(text, lineStart, lineEnd);
      const header = delim === '' ? [] : splitLine(text, lineStart, lineEnd, delim).map((f: Field) => trimField(text, f));
      if (header.length >= 2 && header.every((f) => HEADER_FIELD.test(text.slice(f.start, f.end)))) {
        // The block: following lines with the same number of fields.
        const rows: Field[][] = [];
        let next = lineEnd + 1;
        // Cheap test first: the next line has at least as many delimiters as the header.
        let kinds: ColumnKind[] | undefined;
        let addressCol = -1;
        if (next < text.length) {
          let e = text.indexOf('\n', next);
          if (e < 0) e = text.length;
          let d = 0;
          for (let k = next; k < e; k++) if (text[k] === delim) d++;
          if (d >= header.length - 1) {
            kinds = header.map((f) => columnKind(text.slice(f.start, f.end)));
            addressCol = kinds.indexOf('LOCATION');
          }
        }
        while (kinds !== undefined && next < text.length) {
          let e = text.indexOf('\n', next);
          if (e < 0) e = text.length;
          let fields = splitLine(text, next, e, delim);
          // An address written with its own commas and no quotes ("608 Larkspur Way,Boise,ID,83702"):
          // the surplus fields belong to the address column.
          const extra = fields.length - header.length;
          if (extra > 0 && extra <= 4 && addressCol >= 0 && delim === ',') {
            const merged = { start: fields[addressCol]!.start, end: fields[addressCol + extra]!.end };
            fields = [...fields.slice(0, addressCol), merged, ...fields.slice(addressCol + extra + 1)];
          }
          if (fields.length !== header.length) break;
          rows.push(fields.map((f) => trimField(text, f)));
          next = e + 1;
        }
        // (One row under a "header" whose fields name no known column is two lines of prose with a
        // comma each, "Kolding, den 20. juni 2024" over "Camilla Vestergaard, direktør": no table.)
        if (kinds !== undefined && (rows.length > 1 || (rows.length === 1 && kinds.some((k) => k !== null)))) {
          typeBlock(text, kinds, rows, o, out, quiet, looksLikeName);
          lineStart = next;
          continue;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return quiet;
}

function typeBlock(text: string, kinds: ColumnKind[], rows: Field[][], o: ResolvedDetectOptions, out: Candidate[], quiet: Array<[number, number]>,
  looksLikeName: (cell: string) => boolean): void {
  const cellText = (f: Field) => text.slice(f.start, f.end);
  /** Column k's non-empty cells, and how many of them pass `test`. */
  const count = (k: number, test: (cell: string) => boolean): { filled: number; hits: number } => {
    let filled = 0;
    let hits = 0;
    for (const r of rows) {
      const c = cellText(r[k]!);
      if (c === '' || EMPTY_CELL.test(c)) continue;
      filled++;
      if (test(c)) hits++;
    }
    return { filled, hits };
  };
  // Role columns and unnamed columns become PERSON columns when their cells read as names; a name
  // column whose cells are mostly firms ("Account Name" in a CRM export) is not one.
  for (let k = 0; k < kinds.length; k++) {
    if (kinds[k] === 'PERSON') {
      const { filled, hits } = count(k, (c) => FIRM_CELL.test(c));
      if (filled > 0 && hits / filled >= 0.5) kinds[k] = null;
      continue;
    }
    if (kinds[k] !== 'ROLE' && kinds[k] !== null) continue;
    const role = kinds[k] === 'ROLE';
    // Without a role in the header, only full names count ("Oskar Lindahl", not "Leeds").
    const { filled, hits } = count(k, (c) => NAME_CELL.test(c) && (role || /\p{L} \p{L}/u.test(c)) && looksLikeName(c.replace(CELL_TITLE, '')));
    if (role ? filled > 0 && hits / filled >= 0.5 : filled >= 2 && hits / filled >= 0.8) kinds[k] = 'PERSON';
  }
  for (const r of rows) {
    for (let k = 0; k < r.length; k++) {
      const f = r[k]!;
      if (f.end <= f.start) continue;
      const t = kinds[k]!;
      const cell = cellText(f);
      // A log-in column holds people's names or log-ins made from them ("pmcallister", "a.rahimi"), and
      // service accounts ("svc_print"), which name no one.
      if (t === 'LOGIN') {
        quiet.push([f.start, f.end]);
        if (!o.entities.has('PERSON')) continue;
        const fullName = NAME_CELL.test(cell) && /\p{L},? \p{L}/u.test(cell);
        if (fullName || (LOGIN_CELL.test(cell) && !SERVICE_LOGIN.test(cell))) {
          const title = CELL_TITLE.exec(cell);
          const s = f.start + (title === null ? 0 : title[0].length);
          out.push({ type: 'PERSON', start: s, end: f.end, text: text.slice(s, f.end), score: fullName ? 0.9 : 0.75 });
        }
        continue;
      }
      if (t === null || t === 'ROLE' || t === 'ADDRESS_TAIL' || !o.entities.has(t) || EMPTY_CELL.test(cell) || !/\p{L}|\d/u.test(cell)) {
        if (t === null || t === 'ROLE' || t === 'ADDRESS_TAIL') quiet.push([f.start, f.end]);
        continue;
      }
      if (t === 'PERSON') {
        if (!/\p{L}/u.test(cell)) continue;
        const title = CELL_TITLE.exec(cell);
        const s = f.start + (title === null ? 0 : title[0].length);
        out.push({ type: t, start: s, end: f.end, text: text.slice(s, f.end), score: 0.9 });
      } else if (t === 'LOCATION') {
        if (!/\d/.test(cell) || !/\p{L}/u.test(cell)) continue;
        // The city, state and postcode columns after a street column continue the same address.
        let e = f.end;
        for (let j = k + 1; j < r.length && kinds[j] === 'ADDRESS_TAIL'; j++) if (r[j]!.end > r[j]!.start) e = r[j]!.end;
        out.push({ type: t, start: f.start, end: e, text: text.slice(f.start, e), score: 0.9 });
      } else {
        if (t === 'DATE_OF_BIRTH' && !/\d/.test(cell)) continue;
        if (t === 'PHONE_NUMBER' && !(/^\+?[\d(][\d ().-]{5,22}(?:(?: ?(?:x|ext\.?) ?)\d{1,5})?$/.test(cell) && phoneDigits(cell))) continue;
        out.push({ type: t, start: f.start, end: f.end, text: cell, score: 0.9 });
      }
    }
  }
}

const EMPTY_CELL = /^(?:n\/?a|null|none|unknown|-+|tbd|tba)$/i;
/** Words that make a cell a firm's name rather than a person's. */
const FIRM_CELL = /\b(?:Inc|LLC|LLP|Ltd|Limited|Co|Corp|Corporation|Company|GmbH|AG|SA|SAS|SARL|BV|NV|Pty|PLC|Group|Holdings|Partners|Associates|Services|Solutions|Systems|Technologies|Industries|International|Dental|Clinic|Medical|Health|Physio|Pharmacy|Bank|Brewing|Bakery|Landscaping|Construction|Plumbing|Electrical|Cleaning|Consulting|Studio|Salon|Print|Signs|Interiors|Logistics|Foods|Farms?|Motors|Realty|Properties|Hotel|Restaurant|Cafe|Café|Shop|Store|Market|Trust|Foundation|Society|Association|Council|University|College|School|Academy|Institute|Church|Club|Centre|Center|Hospital)\b\.?/;

/** 7 to 15 digits: the length range of any E.164 number. */
function phoneDigits(cell: string): boolean {
  let d = 0;
  for (let k = 0; k < cell.length; k++) if (cell.charCodeAt(k) >= 48 && cell.charCodeAt(k) <= 57) d++;
  return d >= 7 && d <= 15;
}
